"""accord-verify: checks an Accord organization's log, its signed documents and its witnesses, alone.

It needs PyNaCl, rfc8785, pypdf and tqdm, and never Django: an auditor installs it without the server
(`pip install ./verifier`), and the server's own commands call the same functions.
"""
