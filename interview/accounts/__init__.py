"""Staff accounts (counsellors and admins): passwords, users, logins and the lockout.

Plain functions over a SQLAlchemy session; nothing here knows about HTTP, and nothing runs
at import.
"""
