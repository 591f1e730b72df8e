from kzvalidate.cli import main

main()
