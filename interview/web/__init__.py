"""The web app: HTTP and HTML only; it never imports a model library."""
