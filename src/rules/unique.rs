//! Uniqueness within one array or object: which items repeat an earlier one, each reported
//! where it stands (document order), pointing at the first copy.
//!
//! Found by sorting, not hashing: the keys are the caller's strings, and crafted strings
//! collide under any hash without a secret seed, which makes each lookup a scan (quadratic
//! in all). Sorting indices by the key bytes costs O(n log n) comparisons whatever the keys.

use super::Ctx;
use crate::issue::{params, Code, ProviderCode, Severity};
use crate::path::Path;

/// Up to this many keys, looking back over the earlier ones beats sorting and allocates
/// nothing (most objects are short).
pub const SCAN_LIMIT: usize = 16;

/// Marks an item without a key (it takes no part in the comparison).
const NO_KEY: u32 = u32::MAX;

/// For each item, the index of the first item with the same key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Firsts(Vec<u32>);

impl Firsts {
    /// The index of an earlier item with the same key as item `i`, if there is one.
    pub fn earlier(&self, i: usize) -> Option<usize> {
        match self.0.get(i) {
            Some(&first) if first != NO_KEY && first as usize != i => Some(first as usize),
            _ => None,
        }
    }
}

/// Where each item's key first appears; `None` keys take no part. Keys are compared as bytes.
/// (Item counts come from a tape, whose counts are u32.)
/// Not generic: one copy of the sort in the build, whatever the callers' key types.
pub fn firsts(keys: &[Option<&[u8]>]) -> Firsts {
    let key = |i: u32| keys[i as usize];
    let mut firsts = vec![NO_KEY; keys.len()];
    if keys.len() <= SCAN_LIMIT {
        for i in 0..keys.len() as u32 {
            if let Some(k) = key(i) {
                let first = (0..i).find(|&j| key(j) == Some(k)).unwrap_or(i);
                firsts[i as usize] = first;
            }
        }
        return Firsts(firsts);
    }
    let order = sorted_by_key(keys);
    let mut run_start = 0;
    for (at, &i) in order.iter().enumerate() {
        if key(i) != key(order[run_start]) {
            run_start = at;
        }
        firsts[i as usize] = order[run_start];
    }
    Firsts(firsts)
}

/// The indices of the items that have a key, ordered by the key's bytes and then by index
/// (so equal keys run from their first occurrence). The one sort of the build: duplicates
/// here, and lookups by name in GeeLark's response reader.
pub fn sorted_by_key(keys: &[Option<&[u8]>]) -> Vec<u32> {
    let key = |i: u32| keys[i as usize];
    // By the keys' first eight bytes as a number first: most comparisons are one integer
    // comparison.
    let mut order: Vec<(u64, u32)> = (0..keys.len() as u32)
        .filter_map(|i| Some((prefix(key(i)?), i)))
        .collect();
    order.sort_unstable_by(|&(pa, a), &(pb, b)| {
        pa.cmp(&pb)
            .then_with(|| key(a).cmp(&key(b)))
            .then(a.cmp(&b))
    });
    order.into_iter().map(|(_, i)| i).collect()
}

/// The first eight bytes of `key`, big-endian (zero-padded), so that comparing these numbers
/// orders keys as comparing their bytes does, as far as eight bytes tell.
fn prefix(key: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    let n = key.len().min(8);
    bytes[..n].copy_from_slice(&key[..n]);
    u64::from_be_bytes(bytes)
}

/// Item `index` repeats item `first`: a `duplicate` issue at `path`.
pub fn report(
    ctx: &mut Ctx,
    path: &Path,
    first: usize,
    severity: Severity,
    pcode: Option<ProviderCode>,
) {
    let params = params!("first" => first);
    ctx.report(severity, path.render(), Code::Duplicate, pcode, params);
}

/// A key repeated in one object (JSON text can do that): an error at the key, with
/// `params.of = "key"` and `first` the position of the earlier pair.
pub fn repeated_key(ctx: &mut Ctx, path: &Path, first: usize) {
    let params = params!("first" => first, "of" => "key");
    ctx.report(
        Severity::Error,
        path.render(),
        Code::Duplicate,
        None,
        params,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference: for each item, a scan over the earlier ones.
    fn scanned(keys: &[Option<&str>]) -> Vec<Option<usize>> {
        (0..keys.len())
            .map(|i| {
                let k = keys[i]?;
                (0..i).find(|&j| keys[j] == Some(k))
            })
            .collect()
    }

    fn as_bytes<'k>(keys: &[Option<&'k str>]) -> Vec<Option<&'k [u8]>> {
        keys.iter().map(|k| k.map(str::as_bytes)).collect()
    }

    #[test]
    fn sorting_finds_the_first_copy_like_a_scan() {
        for n in [0usize, 1, 5, 16, 17, 100, 1000] {
            let keys: Vec<Option<String>> = (0..n)
                .map(|i| (i % 7 != 3).then(|| format!("k{}", (i * 31) % (n / 3 + 1))))
                .collect();
            let keys: Vec<Option<&str>> = keys.iter().map(|k| k.as_deref()).collect();
            let found = firsts(&as_bytes(&keys));
            let got: Vec<Option<usize>> = (0..n).map(|i| found.earlier(i)).collect();
            assert_eq!(got, scanned(&keys), "{n} items");
        }
    }

    #[test]
    fn keys_are_compared_as_bytes() {
        let keys = [Some("é"), Some("e\u{301}"), Some("é"), None, Some("")];
        let keys: Vec<Option<&str>> = keys.iter().copied().cycle().take(25).collect();
        let found = firsts(&as_bytes(&keys));
        assert_eq!(found.earlier(2), Some(0));
        assert_eq!(found.earlier(1), None);
        assert_eq!(found.earlier(3), None);
        assert_eq!(found.earlier(8), None, "no key, never a duplicate");
        assert_eq!(found.earlier(9), Some(4));
        assert_eq!(found.earlier(24), Some(4));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_keys_match_the_scan(keys in proptest::collection::vec(proptest::option::of("[ab]{0,3}"), 0..60)) {
            let keys: Vec<Option<&str>> = keys.iter().map(|k| k.as_deref()).collect();
            let found = firsts(&as_bytes(&keys));
            let got: Vec<Option<usize>> = (0..keys.len()).map(|i| found.earlier(i)).collect();
            proptest::prop_assert_eq!(got, scanned(&keys));
        }
    }
}
