"""Writing a document atomically (see ``facilitator.files``): a failed export never leaves a
half-written file behind nor replaces a good one."""

from facilitator.files import write_atomic

__all__ = ["write_atomic"]
