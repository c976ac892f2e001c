"""The default scenario: one engagement, then a seeded Monte Carlo whose
result does not depend on the thread count."""
import bmdsim

s = bmdsim.Scenario.default()
print(s.name)
print(s.run().events[["t_s", "event", "threat", "alt_m"]].to_string(index=False))
mc = s.monte_carlo(runs=200, seed=7, threads=2)
print(f"P(no leaker) {mc['p_no_leaker']:.3f} [{mc['p_no_leaker_lo']:.3f}, {mc['p_no_leaker_hi']:.3f}]")
