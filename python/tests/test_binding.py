"""The Python binding against the command line on the same inputs.

Both call the same libbmd, so the numbers must be identical (compared with
==, no tolerance): the CLI prints doubles with 17 significant digits in its
JSON, which round-trips exactly. BMDSIM names the bmdsim binary (CTest sets
it; a plain `pytest` run falls back to build/bmdsim).
"""
import json
import os
import resource
import subprocess
import tracemalloc

import numpy as np
import pytest

import bmdsim

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))
BMDSIM = os.environ.get("BMDSIM", os.path.join(SRC, "build", "bmdsim"))
DATA = os.path.join(SRC, "data")


def cli(*args, expect=0):
    env = dict(os.environ, BMD_DATA_DIR=DATA)
    p = subprocess.run([BMDSIM, *args], capture_output=True, text=True, env=env, cwd=SRC)
    assert p.returncode == expect, p.stderr
    return p


def same(a, b):
    """The library's double against the CLI's JSON: cJSON prints 15 significant
    digits whenever they read back within its own epsilon (cJSON.c,
    print_number), so the JSON holds the value to about 1e-15 relative, not
    bit for bit (a Nodong loft to 400 km: 400021.5408647131 printed as
    400021.540864713). Tolerance 1e-13 relative."""
    return abs(a - b) <= 1e-13 * abs(b)


def cli_json(*args):
    return json.loads(cli(*args, "--json").stdout)


@pytest.fixture(autouse=True)
def data_dir(monkeypatch):
    monkeypatch.setenv("BMD_DATA_DIR", DATA)


def test_trajectory_matches_cli():
    t = bmdsim.trajectory("nodong", "north-hwanghae", to="busan")
    j = cli_json("trajectory", "--missile", "nodong", "--from", "north-hwanghae", "--to", "busan")
    assert same(t.range_m, j["range_m"])
    assert same(t.apogee_m, j["apogee_alt_m"])
    assert same(t.flight_time_s, j["flight_time_s"])
    # the samples are the CLI's -o CSV rows (same dt, same events)
    assert t.samples["t_s"].iloc[0] == 0.0
    assert abs(t.samples["t_s"].iloc[-1] - t.flight_time_s) < 1e-9
    assert np.all(np.diff(t.samples["t_s"].to_numpy()) >= 0)


def test_trajectory_lofted_and_units():
    t = bmdsim.trajectory("nodong", "north-hwanghae", to="busan", shape="lofted", apogee="400km")
    j = cli_json("trajectory", "--missile", "nodong", "--from", "north-hwanghae", "--to", "busan",
                 "--shape", "lofted", "--apogee", "400km")
    assert same(t.apogee_m, j["apogee_alt_m"]) and same(t.range_m, j["range_m"])
    # a float in SI means the same as its unit string
    t2 = bmdsim.trajectory("nodong", "north-hwanghae", to="busan", shape="lofted", apogee=400e3)
    assert t2.apogee_m == t.apogee_m


def test_samples_csv_identical_to_cli(tmp_path):
    cli("trajectory", "--missile", "nodong", "--from", "north-hwanghae", "--to", "busan",
        "-o", str(tmp_path))
    out = tmp_path / "trajectory.csv"  # -o names a directory (docs/formats.md, Output files)
    import pandas as pd
    c = pd.read_csv(out, comment="#")
    t = bmdsim.trajectory("nodong", "north-hwanghae", to="busan")
    assert len(c) == len(t.samples)
    assert np.array_equal(c["t_s"].to_numpy(), np.round(t.samples["t_s"].to_numpy(), 3)) or \
        np.allclose(c["t_s"], t.samples["t_s"], rtol=0, atol=5e-4)  # CSV prints 3 decimals
    assert np.allclose(c["alt_m"], t.samples["alt_m"], rtol=0, atol=0.05)  # CSV: 0.1 m


def test_coverage_matches_cli():
    c = bmdsim.coverage("an-tpy2", site="seongju", boresight="325deg", rcs="0.01m2",
                        altitude="100km")
    j = cli_json("coverage", "--radar", "an-tpy2", "--site", "seongju", "--boresight", "325deg",
                 "--rcs", "0.01m2", "--altitude", "100km")
    assert c.track_range_m == j["track_range_m"]
    assert c.horizon_ground_m == j["horizon_ground_range_m"]
    assert c.area_km2 == j["coverage_area_km2"]
    # a parameter override, as --power-avg
    c2 = bmdsim.coverage("an-tpy2-lewis-postol", power_avg="14.4kW", rcs="0.01m2")
    j2 = cli_json("coverage", "--radar", "an-tpy2-lewis-postol", "--power-avg", "14.4kW",
                  "--rcs", "0.01m2")
    assert c2.track_range_m == j2["track_range_m"]


def test_visibility_matches_cli():
    v = bmdsim.visibility("nodong", "north-hwanghae", "busan", radar="an-tpy2", site="seongju",
                          boresight="325deg")
    j = cli_json("visibility", "--radar", "an-tpy2", "--site", "seongju", "--boresight", "325deg",
                 "--missile", "nodong", "--from", "north-hwanghae", "--to", "busan")
    assert v["visible"] == j["visible"]
    assert v["track_duration_s"] == j["track_duration_s"]
    assert v["first_detect_time_s"] == j["first_detect_time_s"]


def test_monte_carlo_matches_cli_and_threads():
    s = bmdsim.Scenario.default()
    mc1 = s.monte_carlo(runs=100, seed=7, threads=1)
    mc2 = s.monte_carlo(runs=100, seed=7, threads=2)
    j = cli_json("run", "--runs", "100", "--seed", "7")
    m = j["monte_carlo"]
    assert mc1["p_no_leaker"] == m["p_no_leaker"]
    t = j["threats"][0]
    assert mc1["threats"]["p_negation"][0] == t["p_negation"]
    # the rest of the CLI's monte_carlo object; it rounds to d decimals
    # (cli/cmd_run.c add_num: 6 for the means, 4 for metres and the radars'
    # figures), so the binding's full values agree within half a unit there
    def near(a, b, d):
        return abs(a - b) <= 0.5 * 10.0 ** -d + 1e-12
    assert near(mc1["mean_interceptors_at_non_warheads"],
                m["mean_interceptors_at_non_warheads"], 6)
    assert near(mc1["miss_distance_m_median"], m["miss_distance_m_median"], 4)
    assert near(mc1["miss_distance_m_p90"], m["miss_distance_m_p90"], 4)
    assert list(mc1["radars"]["radar"]) == list(m["radars"])
    for _, row in mc1["radars"].iterrows():
        c = m["radars"][row["radar"]]
        for k in ("occupancy_max_mean", "occupancy_max_p90", "demand_max_mean",
                  "demand_max_p90"):
            assert near(row[k], c[k], 4), k
        assert near(row["over_budget_share_mean"], c["over_budget_share_mean"], 6)
    # identical for any thread count (results depend only on (seed, run))
    assert mc1["p_no_leaker"] == mc2["p_no_leaker"]
    assert mc1["mean_interceptors_fired"] == mc2["mean_interceptors_fired"]


def test_engagement_matches_cli():
    e = bmdsim.Scenario.default().run(seed=7)
    j = cli_json("run", "--runs", "1", "--seed", "7")
    assert e.interceptors_fired == j["interceptors_fired"]
    assert e.leakers == j["leakers"]
    t = j["threats"][0]
    assert e.threats["outcome"][0] == t["outcome"]
    # run --json prints heights to 0.1 m
    assert round(e.threats["intercept_alt_m"][0], 1) == t["intercept_alt_m"]
    assert e.threats["firm_track_time_s"][0] == t["firm_track_time_s"]


def test_footprint_matches_cli(tmp_path):
    f = bmdsim.footprint(resolution="8km", checks=["seoul", "busan", "pyeongtaek"])
    out = tmp_path / "fp"
    out.mkdir()
    p = cli("footprint", "--resolution", "8km", "--check", "seoul,busan,pyeongtaek", "--json",
            "-o", str(out))
    j = json.loads(p.stdout)
    assert f.defended_cells == j["defended_cells"]
    assert f.defended_area_km2 == j["defended_area_km2"]
    assert f.state.shape == (j["rows"], j["cols"])
    for k in ("seoul", "busan", "pyeongtaek"):
        assert f.checks[k]["defended"] == j["checks"][k]["defended"]
        # the CLI's JSON (cJSON's print_number) keeps 15 significant digits
        # whenever they read back within DBL_EPSILON relative, i.e. the same
        # number to one unit in the last place (2.2e-16 relative)
        got, want = f.checks[k]["intercept_alt_m"], j["checks"][k]["intercept_alt_m"]
        assert (got is None and want is None) or got == pytest.approx(want, rel=2.3e-16, abs=0.0)
    # the raster, cell by cell, against the CLI's CSV (whatever it is named)
    import glob
    import pandas as pd
    csvs = [c for c in glob.glob(str(out / "*.csv"))]
    assert csvs, "the CLI wrote no raster CSV"
    r = pd.read_csv(csvs[0], comment="#")
    grid = np.zeros(f.state.shape, dtype=bool)
    grid[r["row"].to_numpy(), r["col"].to_numpy()] = r["defended"].astype(bool).to_numpy()
    assert np.array_equal(grid, f.state == 1)
    gj = f.to_geojson()
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == f.defended_cells


def test_validate_table():
    t = bmdsim.validate()
    j = cli_json("validate")
    counted = t[~t["assumption"]]
    assert len(counted) == j["cases"]
    assert int((~counted["pass"]).sum()) == j["failed"]
    assert (t[t["assumption"]]["group"] == "assumptions").all()


def test_errors_carry_the_library_message(tmp_path):
    with pytest.raises(bmdsim.InputError) as e:
        bmdsim.trajectory("nodon", "north-hwanghae", to="busan")
    p = cli("trajectory", "--missile", "nodon", "--from", "north-hwanghae", "--to", "busan",
            expect=2)
    assert str(e.value) in p.stderr
    assert "did you mean 'nodong'" in str(e.value)
    bad = os.path.join(SRC, "tests", "data", "scenario_bad_unit.yaml")
    if not os.path.exists(bad):  # tests grouped by module keep their data here too
        pytest.skip("tests/data/scenario_bad_unit.yaml not found")
    with pytest.raises(bmdsim.InputError) as e:
        bmdsim.Scenario.load(bad)
    p = cli("run", bad, expect=2)
    assert str(e.value) in p.stderr
    assert ":11:20:" in str(e.value)  # FILE:LINE:COL
    with pytest.raises(bmdsim.InputError):
        bmdsim.quantity("10km", "time")
    with pytest.raises(bmdsim.UnreachableError):
        bmdsim.trajectory("scud-b", "north-hwanghae", to="busan")


def test_catalog():
    c = bmdsim.catalog()
    assert "nodong" in c.missile_names and "an-tpy2" in c.radar_names
    m = c.missile("nodong")
    assert m["stages"] and m["sources"]
    sites = c.sites()
    assert {"name", "lat_deg", "lon_deg"} <= set(sites.columns)
    assert bmdsim.quantity("150km", "length") == 150e3
    assert bmdsim.quantity("-20dBsm", "rcs") == pytest.approx(0.01, rel=1e-15)


def test_no_memory_growth():
    """10,000 calls: Python-side allocations (tracemalloc) and the process's
    resident size must not grow with the call count (C-side leaks show in
    RSS). Bounds: 1 MiB traced, 8 MiB RSS over the second half."""
    def call():
        bmdsim.quantity("150km", "length")
        bmdsim.catalog().site("seoul")
        try:
            bmdsim.trajectory("nodon", "seoul", azimuth=0)
        except bmdsim.InputError:
            pass
    for _ in range(1000):
        call()
    tracemalloc.start()
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    snap0 = tracemalloc.take_snapshot()
    for _ in range(10000):
        call()
    snap1 = tracemalloc.take_snapshot()
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.stop()
    grown = sum(s.size_diff for s in snap1.compare_to(snap0, "filename"))
    assert grown < 1 << 20, grown
    assert (rss1 - rss0) * 1024 < 8 << 20, (rss0, rss1)


def test_repeated_flights_do_not_grow():
    """Repeated full flights with samples (the C sample buffers are freed)."""
    for _ in range(20):
        bmdsim.trajectory("scud-b", "north-hwanghae", azimuth="150deg")
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(300):
        bmdsim.trajectory("scud-b", "north-hwanghae", azimuth="150deg")
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert (rss1 - rss0) * 1024 < 8 << 20, (rss0, rss1)


def test_scenario_overrides_by_path():
    """Field overrides by path (the uq module's resolver): a zero kill
    probability leaves no intercept; an unknown name raises with the
    library's suggestion; units are accepted."""
    s = bmdsim.Scenario.default(overrides={"interceptors.thaad.pk": 0.0})
    mc = s.monte_carlo(runs=20, seed=7)
    assert mc["threats"]["p_negation"][0] == 0.0
    s.set("interceptors.thaad.pk", 1.0)
    assert s.monte_carlo(runs=20, seed=7)["threats"]["p_negation"][0] > 0.0
    s.set("batteries.seongju.reaction_time", "20s")
    with pytest.raises(bmdsim.InputError) as e:
        s.set("batteries.seongjo.reaction_time", "20s")
    assert "seongju" in str(e.value)


def test_scenario_footprint_matches_cli():
    """Scenario.footprint against `bmdsim footprint SCENARIO` (the default
    scenario file: shoot-look-shoot, 0.1 m2, the scenario's radar)."""
    path = os.path.join(DATA, "scenarios", "default.yaml")
    f = bmdsim.Scenario.load(path).footprint(resolution="10km", checks=["pyeongtaek", "busan"])
    j = cli_json("footprint", path, "--resolution", "10km", "--check", "pyeongtaek,busan")
    assert f.defended_cells == j["defended_cells"]
    assert f.defended_area_km2 == pytest.approx(j["defended_area_km2"], rel=1e-13)
    for k in ("pyeongtaek", "busan"):
        assert f.checks[k]["defended"] == j["checks"][k]["defended"]


def test_monte_carlo_progress_callback():
    """The progress callback sees the run count grow to the total, and a
    true return value stops the Monte Carlo."""
    seen = []
    s = bmdsim.Scenario.default()
    mc = s.monte_carlo(runs=30, seed=7, threads=1, progress=lambda d, t: seen.append((d, t)))
    assert mc["runs"] == 30 and seen and seen[-1] == (30, 30)
    assert all(t == 30 for _, t in seen) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    with pytest.raises(bmdsim.ComputeError):
        s.monte_carlo(runs=30, seed=7, threads=1, progress=lambda d, t: True)
