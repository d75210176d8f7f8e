; Inno Setup script: the installer of Fulian Ledger (妇联工作台账) for Windows 10
; version 1809 (build 17763) or later, 64-bit; Qt 6 runs on nothing older.
;
;     python tools/build.py --zip                         (builds dist\FulianLedger\)
;     ISCC.exe /DAppVersion=0.1.0 installer\fulian_ledger.iss
;
; writes dist\FulianLedger-<version>-setup.exe. The GitHub workflow
; .github/workflows/windows.yml does both on a hosted Windows runner.
;
; Per user, without administrator rights: the program goes to
; %LOCALAPPDATA%\Programs\FulianLedger, with a Start-menu shortcut and, if
; the cadre keeps the box ticked, one on the desktop.
;
; The cadre's data is never touched, by an update or by the uninstaller:
; the database, its backups and photos live in %LOCALAPPDATA%\FulianLedger
; (platformdirs' user_data_dir, models/db.py default_db_path), the settings
; in the registry under HKEY_CURRENT_USER\Software\FulianLedger. That folder
; is not the program's folder, and this script names no [UninstallDelete]
; or [InstallDelete] entry outside {app}: the uninstaller removes only what
; the installer put in {app}, and leaves the data folder for the next
; installation (or for the cadre to copy elsewhere).
;
; The wizard speaks Simplified Chinese when the compiler has the translation:
; Inno Setup 7.0.2 and later ship it (compiler:Languages\ChineseSimplified.isl);
; for Inno Setup 6.5, the workflow puts the unofficial one from the Inno
; Setup sources beside this script. Without either, the wizard is English.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BuiltFolder
  #define BuiltFolder "..\dist\FulianLedger"
#endif
#ifndef OutputFolder
  #define OutputFolder "..\dist"
#endif

#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#elif VER >= EncodeVer(6, 5, 0) && FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseMessages "ChineseSimplified.isl"
#else
  #pragma warning "No Simplified Chinese translation of the wizard was found: the installer speaks English only."
#endif

[Setup]
; The AppId ties updates and the uninstaller to this program: never change it.
AppId={{885556E0-8DD2-4A6E-99F5-A73C4E635C1E}
AppName=妇联工作台账 Fulian Ledger
AppVersion={#AppVersion}
AppVerName=妇联工作台账 Fulian Ledger {#AppVersion}
AppPublisher=Fulian Ledger
VersionInfoVersion={#AppVersion}
; Per user, no administrator rights (and no way to ask for them).
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\FulianLedger
DisableProgramGroupPage=yes
; Windows 10 1809 or later, 64-bit: what Qt 6 supports.
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputFolder}
OutputBaseFilename=FulianLedger-{#AppVersion}-setup
SetupIconFile=FulianLedger.ico
UninstallDisplayIcon={app}\FulianLedger.exe
UninstallDisplayName=妇联工作台账 Fulian Ledger
WizardStyle=modern
ShowLanguageDialog=auto
Compression=lzma2/max
SolidCompression=yes
; A running copy is closed (after asking) before its files are replaced.
CloseApplications=yes
RestartApplications=no

[Languages]
#ifdef ChineseMessages
Name: "chinesesimplified"; MessagesFile: "{#ChineseMessages}"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.ProgramName=Fulian Ledger
#ifdef ChineseMessages
chinesesimplified.ProgramName=妇联工作台账
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An update replaces the program's own libraries whole, so that no file of an
; older version lingers beside the new ones. Only inside {app}: never the data.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BuiltFolder}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:ProgramName}"; Filename: "{app}\FulianLedger.exe"
Name: "{autodesktop}\{cm:ProgramName}"; Filename: "{app}\FulianLedger.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\FulianLedger.exe"; Description: "{cm:LaunchProgram,{cm:ProgramName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section: uninstalling leaves %LOCALAPPDATA%\FulianLedger
; (the database, backups and photos) and the settings in the registry alone.
