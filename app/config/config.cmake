# the configuration reader arrives with the CLI work
