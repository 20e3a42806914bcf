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
///
/// Sorted sixteen bytes at a time: first by each key's first sixteen bytes, held beside its
/// index as a number, then each run that ties on all sixteen by the next sixteen, and so on.
/// Comparisons never reach into the keys themselves (far apart in memory, for a long list),
/// and each key is read once per sixteen bytes it shares with another: keys crafted to share
/// a long prefix cost what their length costs, not a cache miss per comparison.
pub fn sorted_by_key(keys: &[Option<&[u8]>]) -> Vec<u32> {
    let mut order: Vec<Chunk> = (0..keys.len() as u32)
        .filter_map(|i| Some(Chunk::of(keys[i as usize]?, 0, i)))
        .collect();
    // Runs of `order` to sort, each with the offset its keys are to be compared from.
    let mut runs = vec![(0, order.len(), 0)];
    while let Some((start, end, offset)) = runs.pop() {
        let run = &mut order[start..end];
        if offset > 0 {
            for chunk in run.iter_mut() {
                if let Some(key) = keys[chunk.index as usize] {
                    *chunk = Chunk::of(key, offset, chunk.index);
                }
            }
        }
        run.sort_unstable();
        // Keys that tie on a full chunk may differ further on.
        let mut tie = 0;
        for at in 1..=run.len() {
            if at < run.len() && run[at].same_bytes(&run[tie]) {
                continue;
            }
            if at - tie > 1 && run[tie].len == 16 {
                runs.push((start + tie, start + at, offset + 16));
            }
            tie = at;
        }
    }
    order.into_iter().map(|chunk| chunk.index).collect()
}

/// Sixteen bytes of a key from some offset, as a big-endian number (zero-padded) with how many
/// there were: ordering these orders keys that agree before the offset as their bytes do (a
/// key that ends sorts before one that goes on), and ties go by index.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Chunk {
    bytes: u128,
    len: u8,
    index: u32,
}

impl Chunk {
    fn of(key: &[u8], offset: usize, index: u32) -> Chunk {
        let rest = key.get(offset..).unwrap_or_default();
        let n = rest.len().min(16);
        let mut bytes = [0u8; 16];
        bytes[..n].copy_from_slice(&rest[..n]);
        Chunk {
            bytes: u128::from_be_bytes(bytes),
            len: n as u8,
            index,
        }
    }

    fn same_bytes(&self, other: &Chunk) -> bool {
        self.bytes == other.bytes && self.len == other.len
    }
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
        fn keys_sharing_long_prefixes_match_the_scan(
            keys in proptest::collection::vec(
                proptest::option::of(proptest::collection::vec(proptest::sample::select(vec![0u8, b'a', 0xff]), 0..3)),
                0..60,
            ),
            shared in 0usize..40,
        ) {
            // Keys of a long common prefix and a short tail (zero bytes included): the
            // chunked sort must still order them as their bytes do.
            let long: Vec<Option<Vec<u8>>> = keys
                .iter()
                .map(|k| k.as_ref().map(|tail| [vec![b'x'; shared], tail.clone()].concat()))
                .collect();
            let keys: Vec<Option<&[u8]>> = long.iter().map(|k| k.as_deref()).collect();
            let found = firsts(&keys);
            let got: Vec<Option<usize>> = (0..keys.len()).map(|i| found.earlier(i)).collect();
            let want: Vec<Option<usize>> = (0..keys.len())
                .map(|i| (0..i).find(|&j| keys[i].is_some() && keys[j] == keys[i]))
                .collect();
            proptest::prop_assert_eq!(got, want);
            let order = sorted_by_key(&keys);
            let mut sorted: Vec<(&[u8], u32)> = (0..keys.len() as u32)
                .filter_map(|i| Some((keys[i as usize]?, i)))
                .collect();
            sorted.sort();
            let want_order: Vec<u32> = sorted.into_iter().map(|(_, i)| i).collect();
            proptest::prop_assert_eq!(order, want_order);
        }

        #[test]
        fn any_keys_match_the_scan(keys in proptest::collection::vec(proptest::option::of("[ab]{0,3}"), 0..60)) {
            let keys: Vec<Option<&str>> = keys.iter().map(|k| k.as_deref()).collect();
            let found = firsts(&as_bytes(&keys));
            let got: Vec<Option<usize>> = (0..keys.len()).map(|i| found.earlier(i)).collect();
            proptest::prop_assert_eq!(got, scanned(&keys));
        }
    }
}
