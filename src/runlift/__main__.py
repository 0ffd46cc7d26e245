from runlift.cli.app import main

main()
