"""A Nodong-class shot at Busan, minimum energy and lofted to 400 km:
range, apogee, flight time and the altitude profile's first rows."""
import bmdsim

for shape, apogee in (("min-energy", None), ("lofted", "400km")):
    t = bmdsim.trajectory("nodong", "north-hwanghae", to="busan", shape=shape, apogee=apogee)
    print(f"{shape:11s} range {t.range_m / 1e3:7.1f} km  apogee {t.apogee_m / 1e3:6.1f} km  "
          f"flight {t.flight_time_s:6.1f} s")
print(t.samples[["t_s", "alt_m", "speed_mps"]].iloc[::60].to_string(index=False))
