"""A five-line sweep: how the defended area moves with the fire-control
reaction time (coarse 8 km cells)."""
import bmdsim

for reaction in ("10s", "20s", "40s"):
    fp = bmdsim.footprint(resolution="8km", reaction=reaction, checks=["pyeongtaek"])
    print(f"reaction {reaction:>4s}: {fp.defended_area_km2:9,.0f} km2 defended, "
          f"Pyeongtaek {fp.checks['pyeongtaek']['state']}")
