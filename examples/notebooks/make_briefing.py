"""Writes briefing.ipynb (the cells below) so the notebook's source is
reviewable as plain Python; the tests execute the notebook itself."""
import nbformat as nbf

cells = [
    ("md", """# The two questions of the 2016 THAAD debate, computed with bmdsim

In 2016 South Korea and the United States decided to deploy a THAAD battery
(AN/TPY-2 X-band radar, hit-to-kill interceptors) at Seongju. China said the
radar could see deep into China; the US said the system defends only the
territory where it stands. This notebook computes both answers with bmdsim
from public open-literature parameters (every one with its source in
`data/catalog/`). Nothing here is modelled in Python: every number comes from
libbmd, the C library behind the `bmdsim` command."""),
    ("code", """import math
import matplotlib.pyplot as plt
import pandas as pd
import bmdsim

cat = bmdsim.catalog()
presets = [r for r in cat.radar_names if r.startswith("an-tpy2")]
presets"""),
    ("md", """## 1. How far into China can the radar see?

The AN/TPY-2's power, dwell and software range window are not public, so the
catalog holds four presets that reproduce four published range claims. For
each: the detection range against a 0.01 m² warhead-sized target, and the
region it covers at 100 km altitude with the face turned toward Beijing
(a real radar faces one way at a time; this is the China-facing assumption).
The `an-tpy2-fbm` and `an-tpy2-lewis-postol` regions coincide at this target
size (both are limited by the same 870 km detection range), so one line hides
the other in the map."""),
    ("code", """dist_bj, az_bj = bmdsim.geodesic("seongju", "beijing")
rows = []
cov = {}
for p in presets:
    c = bmdsim.coverage(p, site="seongju", boresight=az_bj, rcs="0.01m2", altitude="100km")
    cov[p] = c
    rows.append({"preset": p, "track_range_km": c.track_range_m / 1e3,
                 "range_window_km": (c.instrumented_range_m or float("nan")) / 1e3,
                 "claim_km": (c.claim_range_m or float("nan")) / 1e3,
                 "area_km2": c.area_km2})
print(f"Seongju -> Beijing: {dist_bj/1e3:.0f} km at azimuth {az_bj:.0f} deg")
pd.DataFrame(rows).round(0)"""),
    ("code", """fig, ax = plt.subplots(figsize=(7, 6))
for p, c in cov.items():
    for lat, lon, hole in c.rings:
        ax.plot(lon, lat, label=None if hole else p)
sites = cat.sites().set_index("name")
for name in ["seongju", "seoul", "pyongyang", "beijing", "shenyang", "dalian", "qingdao", "shanghai"]:
    if name in sites.index:
        s = sites.loc[name]
        ax.plot(s.lon_deg, s.lat_deg, "k.")
        ax.annotate(name, (s.lon_deg, s.lat_deg), textcoords="offset points", xytext=(4, 3), fontsize=8)
ax.set_xlabel("longitude (deg)"); ax.set_ylabel("latitude (deg)")
ax.set_title("AN/TPY-2 presets at Seongju facing Beijing: 0.01 m2 target at 100 km")
ax.legend(loc="lower right", fontsize=7); ax.set_aspect(1 / math.cos(math.radians(36)))
plt.show()"""),
    ("md", """### Missiles flying over China toward the United States

Can the radar see a DF-41-class ICBM launched from central China toward Los
Angeles (the "third country" question)? For each preset, the seen time of
the minimum-energy trajectory, with the face turned toward the launch area."""),
    ("code", """d, az = bmdsim.geodesic("seongju", "china-central")
vis = []
for p in presets:
    v = bmdsim.visibility("df-41", "china-central", "los-angeles", radar=p, site="seongju",
                          boresight=az, rcs="0.01m2")
    vis.append({"preset": p, "seen_s": v["track_duration_s"],
                "closest_km": v["closest_range_m"] / 1e3,
                "below_horizon_s": v["below_horizon_s"], "out_of_field_s": v["out_of_field_s"],
                "low_snr_s": v["low_snr_s"]})
pd.DataFrame(vis).round(0)"""),
    ("md", """## 2. What does the Seongju battery defend?

The defended footprint against a Nodong-class missile from North Hwanghae:
every aim point where the threat can be engaged in time (radar cue, reaction,
interceptor fly-out, altitude window), one interceptor per threat (`doctrine
shoot`), a 10 s reaction time, the an-tpy2 preset facing 325 deg, on 8 km
cells (coarse, to keep this notebook quick; `bmdsim footprint` uses 2 km).
The computation covers a 600 km square around the battery: the straight
southern and eastern edges of the map are that square's edges, not physics."""),
    ("code", """fp = bmdsim.footprint(threat="nodong", launch="north-hwanghae", site="seongju",
                     resolution="8km", doctrine="shoot",
                     checks=["seoul", "pyeongtaek", "busan", "daegu"])
print(fp)
pd.DataFrame(fp.checks).T"""),
    ("code", """import numpy as np
fig, ax = plt.subplots(figsize=(6, 6))
ax.pcolormesh(fp.lon_deg, fp.lat_deg, np.ma.masked_equal(fp.state, 0), cmap="Greens",
              vmin=0, vmax=2, shading="nearest")
for name in ["seongju", "seoul", "pyeongtaek", "busan", "daegu", "north-hwanghae"]:
    s = sites.loc[name]
    ax.plot(s.lon_deg, s.lat_deg, "k^" if name == "seongju" else "ko")
    ax.annotate(name, (s.lon_deg, s.lat_deg), textcoords="offset points", xytext=(4, 3))
ax.set_title(f"THAAD at Seongju vs a Nodong from North Hwanghae (one shot): "
             f"{fp.defended_area_km2:,.0f} km2 defended", fontsize=9)
ax.set_xlabel("longitude (deg)"); ax.set_ylabel("latitude (deg)")
ax.set_aspect(1 / math.cos(math.radians(36)))
plt.show()"""),
    ("md", """The same footprint under shoot-look-shoot (a second interceptor after a
10 s kill assessment) is smaller: the second shot must fit inside the same
altitude window."""),
    ("code", """fp2 = bmdsim.footprint(resolution="8km", doctrine="shoot-look-shoot",
                      checks=["seoul", "pyeongtaek", "busan", "daegu"])
pd.DataFrame({"one shot": {k: v["defended"] for k, v in fp.checks.items()},
              "shoot-look-shoot": {k: v["defended"] for k, v in fp2.checks.items()},
              }).assign(**{"area one shot (km2)": fp.defended_area_km2,
                           "area SLS (km2)": fp2.defended_area_km2})"""),
]
nb = nbf.v4.new_notebook()
nb["cells"] = [nbf.v4.new_markdown_cell(t) if k == "md" else nbf.v4.new_code_cell(t)
               for k, t in cells]
nb["metadata"]["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbf.write(nb, __file__.replace("make_briefing.py", "briefing.ipynb"))
