//! The search index as bytes, so a phone builds it once per catalogue
//! version and reads it back on later starts (reading is a few
//! milliseconds; folding and hashing every name is most of a cold start).
//! The bytes hold only what folding produced; names, codes, groups and the
//! prior come from the catalogue itself. A blob of another layout or a damaged one
//! reads as `None`, and the index is built again.

use std::collections::HashMap;

use super::index::{Entry, SearchIndex};
use crate::catalogue::model::CatalogueData;

/// Bumped when the layout below changes: older blobs are rebuilt.
const LAYOUT: u32 = 2;
const MAGIC: &[u8; 4] = b"DVCX";

impl SearchIndex {
    /// The index as bytes (see [`SearchIndex::from_bytes`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Writer(Vec::with_capacity(1 << 20));
        out.0.extend_from_slice(MAGIC);
        out.u32(LAYOUT);
        out.len(self.terms.len());
        for t in &self.terms {
            out.str(t);
        }
        self.sorted.iter().for_each(|&id| out.u32(id));
        self.idf.iter().for_each(|&f| out.f32(f));
        for list in &self.postings {
            out.len(list.len());
            for &(entry, weight) in list {
                out.u32(entry);
                out.f32(weight);
            }
        }
        out.len(self.by_len.len());
        for ids in &self.by_len {
            out.ids(ids);
        }
        out.len(self.entries.len());
        for e in &self.entries {
            out.len(e.phrases.len());
            for (ids, is_name) in &e.phrases {
                out.0.push(u8::from(*is_name));
                out.ids(ids);
            }
            out.strs(&e.toned);
            out.strs(&e.fields);
        }
        out.len(self.synonyms.len());
        for (says, means) in &self.synonyms {
            out.strs(says);
            out.strs(means);
        }
        out.0
    }

    /// The index of `data` stored by [`SearchIndex::to_bytes`], or `None`
    /// when `bytes` are of another layout, damaged, or not of this data.
    pub fn from_bytes(data: &CatalogueData, bytes: &[u8]) -> Option<Self> {
        let mut r = Reader(bytes);
        if r.take(4)? != MAGIC || r.u32()? != LAYOUT {
            return None;
        }
        let n = r.len()?;
        let mut terms = Vec::with_capacity(n);
        for _ in 0..n {
            terms.push(r.str()?);
        }
        let sorted = (0..n).map(|_| r.u32()).collect::<Option<Vec<_>>>()?;
        let idf = (0..n).map(|_| r.f32()).collect::<Option<Vec<_>>>()?;
        let entries_len = data.procedures.len();
        let mut postings = Vec::with_capacity(n);
        for _ in 0..n {
            let count = r.len()?;
            let mut list = Vec::with_capacity(count);
            for _ in 0..count {
                let entry = r.u32()?;
                if entry as usize >= entries_len {
                    return None;
                }
                list.push((entry, r.f32()?));
            }
            postings.push(list);
        }
        let by_len = (0..r.len()?)
            .map(|_| r.ids(n))
            .collect::<Option<Vec<_>>>()?;
        if r.len()? != entries_len || sorted.iter().any(|&id| id as usize >= n) {
            return None;
        }
        let mut entries = Vec::with_capacity(entries_len);
        for p in &data.procedures {
            let phrases = (0..r.len()?)
                .map(|_| {
                    let is_name = r.take(1)?[0] == 1;
                    Some((r.ids(n)?, is_name))
                })
                .collect::<Option<Vec<_>>>()?;
            let (toned, fields) = (r.strs()?, r.strs()?);
            entries.push(Entry::of(p, phrases, toned, fields));
        }
        let synonyms = (0..r.len()?)
            .map(|_| Some((r.strs()?, r.strs()?)))
            .collect::<Option<Vec<_>>>()?;
        if !r.0.is_empty() {
            return None;
        }
        let term_ids: HashMap<_, _, _> = terms
            .iter()
            .enumerate()
            .map(|(id, t)| (t.clone(), id as u32))
            .collect();
        Some(Self {
            entries,
            terms,
            sorted,
            term_ids,
            postings,
            idf,
            by_len,
            synonyms,
        })
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn f32(&mut self, f: f32) {
        self.0.extend_from_slice(&f.to_le_bytes());
    }

    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    fn strs(&mut self, list: &[String]) {
        self.len(list.len());
        list.iter().for_each(|s| self.str(s));
    }

    fn ids(&mut self, ids: &[u32]) {
        self.len(ids.len());
        ids.iter().for_each(|&id| self.u32(id));
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    /// A count, no larger than what the remaining bytes could hold.
    fn len(&mut self) -> Option<usize> {
        let n = self.u32()? as usize;
        (n <= self.0.len()).then_some(n)
    }

    fn str(&mut self) -> Option<String> {
        let n = self.len()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }

    fn strs(&mut self) -> Option<Vec<String>> {
        (0..self.len()?).map(|_| self.str()).collect()
    }

    /// Term ids below `terms`.
    fn ids(&mut self, terms: usize) -> Option<Vec<u32>> {
        (0..self.len()?)
            .map(|_| self.u32().filter(|&id| (id as usize) < terms))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::validate::parse_catalogue;

    #[test]
    fn a_stored_index_answers_exactly_as_the_one_it_was_made_from() {
        let data = parse_catalogue(crate::catalogue::BUNDLED_JSON).unwrap();
        let built = SearchIndex::build(&data);
        let bytes = built.to_bytes();
        let read = SearchIndex::from_bytes(&data, &bytes).unwrap();
        for q in [
            "khai sinh",
            "lam cmnd",
            "so do",
            "dang ky tam truu",
            "asdfgh",
            "1.001193",
        ] {
            assert_eq!(built.search(q, 5), read.search(q, 5), "{q}");
        }
    }

    #[test]
    fn damaged_or_foreign_bytes_are_not_an_index() {
        let data = parse_catalogue(crate::catalogue::BUNDLED_JSON).unwrap();
        let bytes = SearchIndex::build(&data).to_bytes();
        assert!(SearchIndex::from_bytes(&data, &bytes[..bytes.len() - 1]).is_none());
        assert!(SearchIndex::from_bytes(&data, b"DVCX\x02\0\0\0").is_none());
        assert!(SearchIndex::from_bytes(&data, b"").is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(SearchIndex::from_bytes(&data, &longer).is_none());
        // Another catalogue (fewer procedures) does not take this index.
        let mini = parse_catalogue(include_str!("../../../testdata/mini-catalogue.json")).unwrap();
        assert!(SearchIndex::from_bytes(&mini, &bytes).is_none());
    }
}
