"""The program's version, shown by --version and written into packages."""

APP_VERSION = "0.1.0"
