"""The four AN/TPY-2 presets: detection range against a 0.01 m2 target and
the region covered at 100 km altitude with the face toward Pyongyang."""
import bmdsim

_, az = bmdsim.geodesic("seongju", "pyongyang")
for p in [r for r in bmdsim.catalog().radar_names if r.startswith("an-tpy2")]:
    c = bmdsim.coverage(p, site="seongju", boresight=az, rcs="0.01m2", altitude="100km")
    print(f"{p:22s} {c.track_range_m / 1e3:7.0f} km  {c.area_km2:12,.0f} km2")
