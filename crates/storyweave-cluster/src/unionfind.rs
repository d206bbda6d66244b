//! A union-find whose root is always the smallest index of its set, so the
//! root is directly the group's representative (its first document).

/// Disjoint sets over `0..n`; each set's root is its smallest member.
#[derive(Debug, Clone)]
pub(crate) struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    /// `n` singleton sets.
    pub(crate) fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    /// The smallest member of `x`'s set (path halving on the way).
    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while let Some(&p) = self.parent.get(x) {
            if p == x {
                break;
            }
            let grand = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(x) {
                *slot = grand;
            }
            x = grand;
        }
        x
    }

    /// Merges the sets of `a` and `b`; the smaller root becomes the root.
    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (keep, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        if let Some(slot) = self.parent.get_mut(child) {
            *slot = keep;
        }
    }

    /// The representative of every element.
    pub(crate) fn labels(&mut self) -> Vec<usize> {
        (0..self.parent.len()).map(|i| self.find(i)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_smallest_members() {
        let mut uf = UnionFind::new(6);
        uf.union(4, 2);
        uf.union(5, 4);
        uf.union(3, 1);
        assert_eq!(uf.labels(), vec![0, 1, 2, 1, 2, 2]);
        uf.union(5, 3);
        assert_eq!(uf.labels(), vec![0, 1, 1, 1, 1, 1]);
        assert_eq!(uf.find(99), 99);
    }
}
