//! Native objects JavaScript refers to by number: codecs of compression
//! streams, decoders of TextDecoders. JavaScript frees a handle when it is
//! done with it, or a FinalizationRegistry does when its owner is collected.

use std::collections::HashMap;

pub struct Handles<T> {
    next_id: u32,
    open: HashMap<u32, T>,
}

impl<T> Default for Handles<T> {
    fn default() -> Self {
        Handles {
            next_id: 0,
            open: HashMap::new(),
        }
    }
}

impl<T> Handles<T> {
    pub fn insert(&mut self, value: T) -> u32 {
        self.next_id = self.next_id.wrapping_add(1);
        self.open.insert(self.next_id, value);
        self.next_id
    }

    pub fn get_mut(&mut self, id: u32) -> Option<&mut T> {
        self.open.get_mut(&id)
    }

    pub fn remove(&mut self, id: u32) -> Option<T> {
        self.open.remove(&id)
    }

    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.open.values()
    }
}
