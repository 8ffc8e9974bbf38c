import sys
sys.path.insert(0, "/work/wt/texts3/tests/web")
from test_demo_reads_in_russian import demo, _client  # noqa
def test_dump(demo):
    for who, path in (("secretariat", "/crises/3/"), (None, "/decisions/20/"), ("arm.head", "/meetings/sessions/7/timetable/"), (None, "/documents/1/"), (None, "/")):
        open("/tmp/texts3_dump" + path.replace("/", "_") + ".html", "w").write(_client(who, "ru").get(path).content.decode())
