"""Web mode (`followup serve`): the app in a browser tab, its owner's only."""
