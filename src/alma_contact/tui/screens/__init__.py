"""One screen per step of the app, and its dialogs."""
