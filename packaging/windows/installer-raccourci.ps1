# Ajoute facilitator au menu Démarrer de l'utilisateur et ouvre les fichiers .facilitator avec
# lui, sans droits d'administrateur (tout va dans le profil : %APPDATA% et HKCU).
#   clic droit > « Exécuter avec PowerShell », ou installer-raccourci.cmd (double-clic)
#   installer-raccourci.ps1 -Retirer   (les enlève)
# Recette écrite pour Windows 10 et 11 ; non essayée sur Windows par ce dépôt (voir docs/bundle.md).
param([switch]$Retirer)
$ErrorActionPreference = 'Stop'
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$exe = Join-Path $here 'facilitator.exe'
$menu = Join-Path ([Environment]::GetFolderPath('Programs')) 'facilitator.lnk'
$classes = 'HKCU:\Software\Classes'
if ($Retirer) {
  Remove-Item -Force -ErrorAction SilentlyContinue $menu
  Remove-Item -Recurse -Force -ErrorAction SilentlyContinue "$classes\.facilitator", "$classes\facilitator.evenement"
  Write-Host 'facilitator retiré du menu Démarrer.'
  exit 0
}
if (-not (Test-Path $exe)) { throw "facilitator.exe introuvable dans $here" }
$shell = New-Object -ComObject WScript.Shell
$link = $shell.CreateShortcut($menu)
$link.TargetPath = $exe
$link.WorkingDirectory = [Environment]::GetFolderPath('MyDocuments')
$link.IconLocation = "$exe,0"
$link.WindowStyle = 7  # minimisée : la console de l'exécutable (ses messages) reste dans la barre des tâches
# (non essayé : si la fenêtre de l'application s'ouvre réduite elle aussi, mettre 1)
$link.Description = 'Ateliers de gouvernement ouvert, hors ligne'
$link.Save()
# les fichiers .facilitator s'ouvrent avec l'application (association propre à l'utilisateur)
New-Item -Force "$classes\.facilitator" | Out-Null
Set-ItemProperty "$classes\.facilitator" -Name '(default)' -Value 'facilitator.evenement'
New-Item -Force "$classes\facilitator.evenement\DefaultIcon" | Out-Null
Set-ItemProperty "$classes\facilitator.evenement" -Name '(default)' -Value 'Événement facilitator'
Set-ItemProperty "$classes\facilitator.evenement\DefaultIcon" -Name '(default)' -Value "`"$exe`",0"
New-Item -Force "$classes\facilitator.evenement\shell\open\command" | Out-Null
Set-ItemProperty "$classes\facilitator.evenement\shell\open\command" -Name '(default)' -Value "`"$exe`" open `"%1`""
Write-Host "facilitator ajouté au menu Démarrer ($menu)."
