"""The user's settings: the TOML file's schema and checks (schema), reading and
writing it for the settings screens (config_file), where data and config live
(paths), and the kept public holidays of the configured country (holiday_cache)."""
