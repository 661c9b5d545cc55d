@echo off
rem Double-clic : lance installer-raccourci.ps1 pour cet utilisateur (sans droits d'administrateur ;
rem "Bypass" ne vaut que pour ce lancement de PowerShell, la politique de la machine n'est pas changée).
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0installer-raccourci.ps1" %*
pause
