from agreements_cli.cli import main

main()
