//! Known definitions by identity (canonical URL + version), guarded by their hash.
//!
//! An administration stores the definition hash; if a definition with the same URL and
//! version but different content could be registered, old answers would silently be
//! re-read against changed items or rules. The registry refuses that.

use std::collections::BTreeMap;

use crate::definition::{Definition, DefinitionError};
use crate::pack::{load_shipped_pack, PackError, PackOrigin, PackTranslation};
use crate::shipped::{shipped_definitions, SHIPPED_LANGUAGE_PACKS};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    #[error("{url}|{version} is known with hash {known}, refused content with hash {offered}")]
    ContentMismatch {
        url: String,
        version: String,
        known: String,
        offered: String,
    },
    #[error("a shipped definition is invalid: {0}")]
    InvalidShipped(#[from] DefinitionError),
    #[error("shipped language pack {file} is invalid: {source}")]
    InvalidShippedPack {
        file: String,
        source: Box<PackError>,
    },
}

#[derive(Debug, Clone, Default)]
pub struct Registry {
    definitions: BTreeMap<(String, String), Definition>,
    /// Imported pack translations by (definition URL, definition version, language).
    translations: BTreeMap<(String, String, String), PackTranslation>,
    /// Translations shipped with the crate, same key: used where no imported one exists.
    shipped_translations: BTreeMap<(String, String, String), PackTranslation>,
}

impl Registry {
    pub fn new() -> Registry {
        Registry::default()
    }

    /// A registry holding every definition shipped with the crate, and the shipped
    /// translations of their client-facing texts.
    pub fn with_shipped() -> Result<Registry, RegistryError> {
        let mut registry = Registry::new();
        for definition in shipped_definitions()? {
            registry.register(definition)?;
        }
        for (file, json) in SHIPPED_LANGUAGE_PACKS {
            load_shipped_pack(json.as_bytes(), &mut registry).map_err(|source| {
                RegistryError::InvalidShippedPack {
                    file: (*file).to_owned(),
                    source: Box::new(source),
                }
            })?;
        }
        Ok(registry)
    }

    /// Adds a definition. Registering identical content again is harmless; different
    /// content under a known URL and version is refused.
    pub fn register(&mut self, definition: Definition) -> Result<&Definition, RegistryError> {
        let key = (definition.url.clone(), definition.version.clone());
        if let Some(known) = self.definitions.get(&key) {
            if known.hash() != definition.hash() {
                return Err(RegistryError::ContentMismatch {
                    url: key.0,
                    version: key.1,
                    known: known.hash().to_owned(),
                    offered: definition.hash().to_owned(),
                });
            }
        }
        Ok(self.definitions.entry(key).or_insert(definition))
    }

    pub fn get(&self, url: &str, version: &str) -> Option<&Definition> {
        self.definitions.get(&(url.to_owned(), version.to_owned()))
    }

    /// The definition an administration was scored against, found by its stored hash.
    pub fn by_hash(&self, hash: &str) -> Option<&Definition> {
        self.definitions.values().find(|d| d.hash() == hash)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Definition> {
        self.definitions.values()
    }

    /// The translation in use for a definition and language, if any: one imported from a
    /// pack ([`crate::import_pack`]), else the shipped one. Its texts come with its review
    /// status.
    pub fn translation(
        &self,
        url: &str,
        version: &str,
        language: &str,
    ) -> Option<&PackTranslation> {
        let key = (url.to_owned(), version.to_owned(), language.to_owned());
        self.translations
            .get(&key)
            .or_else(|| self.shipped_translations.get(&key))
    }

    /// The translation a municipality imported, ignoring shipped ones.
    pub fn imported_translation(
        &self,
        url: &str,
        version: &str,
        language: &str,
    ) -> Option<&PackTranslation> {
        self.translations
            .get(&(url.to_owned(), version.to_owned(), language.to_owned()))
    }

    /// Every translation in use: imported ones, and shipped ones no import replaces.
    pub fn translations(&self) -> impl Iterator<Item = &PackTranslation> {
        self.translations.values().chain(
            self.shipped_translations
                .iter()
                .filter(|(key, _)| !self.translations.contains_key(*key))
                .map(|(_, t)| t),
        )
    }

    pub(crate) fn insert_translation(&mut self, translation: PackTranslation, origin: PackOrigin) {
        let key = (
            translation.definition_url.clone(),
            translation.definition_version.clone(),
            translation.language.clone(),
        );
        match origin {
            PackOrigin::Imported => self.translations.insert(key, translation),
            PackOrigin::Shipped => self.shipped_translations.insert(key, translation),
        };
    }
}
