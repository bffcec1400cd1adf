# CLI tests arrive with the CLI work
