"""`python -m accord_verify` is `accord-verify`."""

from accord_verify.cli import main

main()
