def test_report_on_example(run, qingdao):
    r = run("report", "--month", "6", "--format", "json")
    assert r.exit_code == 0, r
