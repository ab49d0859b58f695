//! Survey answers found by identity ([`SurveyResponse::key`]) without a copy
//! of every key: the index of a 200,000-answer import costs a few MB rather
//! than one 60-byte string per answer. It maps a key's 64-bit hash (keyed at
//! random, so a file cannot aim collisions) to the answer's position; the
//! rare key whose hash another key already holds is kept whole.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::BuildHasher;

use waymark_core::SurveyResponse;

pub struct AnswerIndex<V> {
    hasher: RandomState,
    by_hash: HashMap<u64, (usize, V)>,
    /// Keys whose hash belongs to another key.
    collided: HashMap<String, (usize, V)>,
}

impl<V: Copy> AnswerIndex<V> {
    pub fn with_capacity(n: usize) -> Self {
        AnswerIndex {
            hasher: RandomState::new(),
            by_hash: HashMap::with_capacity(n),
            collided: HashMap::new(),
        }
    }

    /// The position (in `answers`) and value stored for `key`.
    pub fn get(&self, answers: &[SurveyResponse], key: &str) -> Option<(usize, V)> {
        match self.by_hash.get(&self.hasher.hash_one(key)) {
            Some(&(i, v)) if answers[i].key() == key => Some((i, v)),
            Some(_) => self.collided.get(key).copied(),
            None => None,
        }
    }

    /// Stores `key` (that of `answers[at]`, or of the answer about to go
    /// there) at position `at` with `value`.
    pub fn insert(&mut self, answers: &[SurveyResponse], key: String, at: usize, value: V) {
        let hash = self.hasher.hash_one(&key);
        match self.by_hash.get(&hash) {
            Some(&(i, _)) if i != at && answers.get(i).is_some_and(|a| a.key() != key) => {
                self.collided.insert(key, (at, value));
            }
            _ => {
                self.by_hash.insert(hash, (at, value));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use waymark_core::Scale;

    fn answer(respondent: &str) -> SurveyResponse {
        SurveyResponse {
            touchpoint: uuid::Uuid::nil(),
            respondent: respondent.into(),
            date: "2026-03-02".into(),
            scale: Scale::Csat,
            value: 3.0,
            comment: String::new(),
        }
    }

    #[test]
    fn finds_answers_by_key_and_keeps_colliding_keys_apart() {
        let answers: Vec<SurveyResponse> = (0..1000).map(|i| answer(&format!("r{i}"))).collect();
        let mut index = AnswerIndex::with_capacity(answers.len());
        for (i, a) in answers.iter().enumerate() {
            index.insert(&answers, a.key(), i, i as u64 + 2);
        }
        for (i, a) in answers.iter().enumerate() {
            assert_eq!(index.get(&answers, &a.key()), Some((i, i as u64 + 2)));
        }
        assert_eq!(index.get(&answers, &answer("nobody").key()), None);
        // Two keys forced onto one hash: both stay found.
        let mut forced = AnswerIndex::with_capacity(2);
        let hash = forced.hasher.hash_one(answers[0].key());
        forced.by_hash.insert(hash, (1, 0));
        forced.insert(&answers, answers[0].key(), 0, 7);
        assert_eq!(forced.get(&answers, &answers[0].key()), Some((0, 7)));
        assert_eq!(forced.collided.len(), 1);
    }
}
