"""The browser tests run against their own real server, made by the same
fixture as the API tests (tests/api/conftest.py, loaded under another name)."""
import importlib.util
import os

_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api", "conftest.py")
_spec = importlib.util.spec_from_file_location("lamtheo_api_fixtures", _path)
_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixtures)

server = _fixtures.server
