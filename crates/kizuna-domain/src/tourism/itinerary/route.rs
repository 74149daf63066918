//! Travel times and the order of a day's stops.

use crate::map::place::haversine_m;

use super::{Mode, ROAD_FACTOR, WALK_KMH};

/// A leg's mode, distance along the way (km) and minutes (rounded up):
/// walked when the tour walks or the stops are within `walk_max_m`, else by
/// road at `road_kmh` over great-circle distance × [`ROAD_FACTOR`].
pub fn travel_minutes(mode: Mode, metres: f64, walk_max_m: f64, road_kmh: f64) -> (Mode, f64, i32) {
    if mode == Mode::Walk || metres <= walk_max_m {
        let km = metres / 1000.0;
        (Mode::Walk, km, (km / WALK_KMH * 60.0).ceil() as i32)
    } else {
        let km = metres / 1000.0 * ROAD_FACTOR;
        (mode, km, (km / road_kmh.max(1.0) * 60.0).ceil() as i32)
    }
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    haversine_m(a.0, a.1, b.0, b.1)
}

fn path_len(from: (f64, f64), stops: &[(f64, f64)], order: &[usize]) -> f64 {
    let mut at = from;
    let mut total = 0.0;
    for &i in order {
        total += dist(at, stops[i]);
        at = stops[i];
    }
    total
}

/// The order (indices into `stops`) in which to visit the stops from
/// `from` without backtracking: nearest neighbour, then 2-opt on the open
/// path until no reversal shortens it.
pub fn order_stops(from: (f64, f64), stops: &[(f64, f64)]) -> Vec<usize> {
    let n = stops.len();
    let mut left: Vec<usize> = (0..n).collect();
    let mut order = Vec::with_capacity(n);
    let mut at = from;
    while !left.is_empty() {
        let (k, _) = left
            .iter()
            .enumerate()
            .map(|(k, &i)| (k, dist(at, stops[i])))
            .fold((0, f64::INFINITY), |best, x| if x.1 < best.1 { x } else { best });
        let i = left.swap_remove(k);
        at = stops[i];
        order.push(i);
    }
    // 2-opt on an open path from a fixed start: reverse order[i..=j] when
    // that shortens the path.
    let pos = |order: &[usize], k: usize| if k == 0 { from } else { stops[order[k - 1]] };
    let mut improved = true;
    let mut rounds = 0;
    while improved && rounds < 100 {
        improved = false;
        rounds += 1;
        for i in 0..n {
            for j in i + 1..n {
                let a = pos(&order, i);
                let b = stops[order[i]];
                let c = stops[order[j]];
                let before = dist(a, b) + if j + 1 < n { dist(c, stops[order[j + 1]]) } else { 0.0 };
                let after = dist(a, c) + if j + 1 < n { dist(b, stops[order[j + 1]]) } else { 0.0 };
                if after + 1e-6 < before {
                    order[i..=j].reverse();
                    improved = true;
                }
            }
        }
    }
    debug_assert!(path_len(from, stops, &order).is_finite());
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walking_and_road_times() {
        // 900 m walked at 4.5 km/h: 12 minutes.
        assert_eq!(travel_minutes(Mode::Bus, 900.0, 1000.0, 40.0), (Mode::Walk, 0.9, 12));
        // 20 km great-circle by bus at 40 km/h: 26 km of road, 39 minutes.
        let (m, km, min) = travel_minutes(Mode::Bus, 20_000.0, 1000.0, 40.0);
        assert_eq!((m, min), (Mode::Bus, 39));
        assert!((km - 26.0).abs() < 1e-9);
        // Walking tour: walked however far.
        assert_eq!(travel_minutes(Mode::Walk, 4500.0, 1000.0, 40.0).2, 60);
    }

    #[test]
    fn no_backtracking_along_a_line() {
        // Stops on a line east of the start, given shuffled.
        let stops = [(43.0, 144.3), (43.0, 144.1), (43.0, 144.4), (43.0, 144.2)];
        let order = order_stops((43.0, 144.0), &stops);
        assert_eq!(order, vec![1, 3, 0, 2]);
    }

    #[test]
    fn two_opt_undoes_a_crossing() {
        // Nearest neighbour from the start goes to the near corner first and
        // crosses back; the result must be no longer than any other order.
        let stops = [(0.0, 1.0), (0.1, 0.0), (1.0, 1.0), (1.0, 0.0), (0.5, 0.5)];
        let from = (0.0, 0.0);
        let order = order_stops(from, &stops);
        let best = path_len(from, &stops, &order);
        let mut perm: Vec<usize> = (0..stops.len()).collect();
        let mut shortest = f64::INFINITY;
        permute(&mut perm, 0, &mut |p| {
            shortest = shortest.min(path_len(from, &stops, p));
        });
        assert!(best <= shortest * 1.05, "{best} vs the shortest {shortest}");
    }

    fn permute(p: &mut Vec<usize>, k: usize, f: &mut impl FnMut(&[usize])) {
        if k == p.len() {
            f(p);
            return;
        }
        for i in k..p.len() {
            p.swap(k, i);
            permute(p, k + 1, f);
            p.swap(k, i);
        }
    }
}
