//! The `pricing` and `conversation` objects of a status, typed, unknown values and keys kept.
//!
//! Per-message pricing (since 2025-07-01): `pricing_model` `PMP`, `type` `regular`,
//! `free_customer_service` or `free_entry_point`; the `conversation` object may be absent.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use waba_json::open_enum;

open_enum! {
    /// `pricing.pricing_model`.
    pub enum PricingModel {
        /// Conversation-based pricing (webhooks sent before 2025-07-01).
        Cbp = "CBP",
        /// Per-message pricing (since 2025-07-01).
        Pmp = "PMP",
    }
}

open_enum! {
    /// `pricing.type` (per-message pricing).
    pub enum PricingType {
        /// The message is billed.
        Regular = "regular",
        /// Free: a utility template or a non-template message inside the customer-service window.
        FreeCustomerService = "free_customer_service",
        /// Free: inside a free entry point (click-to-WhatsApp ad, Page button).
        FreeEntryPoint = "free_entry_point",
    }
}

open_enum! {
    /// `pricing.category` and `conversation.origin.type`: the rate applied.
    pub enum PricingCategory {
        /// Authentication rate.
        Authentication = "authentication",
        /// Authentication-international rate.
        AuthenticationInternational = "authentication_international",
        /// Marketing rate.
        Marketing = "marketing",
        /// Marketing Messages Lite API.
        MarketingLite = "marketing_lite",
        /// Utility rate.
        Utility = "utility",
        /// Service (non-template) messages.
        Service = "service",
        /// A free entry point conversation.
        ReferralConversion = "referral_conversion",
    }
}

/// A status's `pricing` object: known fields typed, every other key kept.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Pricing {
    /// `billable` (deprecated by Meta, still sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billable: Option<bool>,
    /// `pricing_model`: `PMP` (per message) or `CBP` (conversation based, before 2025-07-01).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pricing_model: Option<PricingModel>,
    /// `type`: `regular`, `free_customer_service`, `free_entry_point`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<PricingType>,
    /// `category`: the rate applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<PricingCategory>,
    /// Keys this model does not know, kept.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl Pricing {
    /// Reads a status's `pricing` object; `None` when it is not an object of this shape.
    pub fn from_json(text: &str) -> Option<Pricing> {
        serde_json::from_str(text).ok()
    }

    /// Whether the message is free (`type` is `free_customer_service` or `free_entry_point`, or
    /// `billable` is false when there is no `type`).
    pub fn is_free(&self) -> bool {
        match &self.kind {
            Some(PricingType::FreeCustomerService | PricingType::FreeEntryPoint) => true,
            Some(_) => false,
            None => self.billable == Some(false),
        }
    }
}

/// `conversation.origin`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConversationOrigin {
    /// `type`: the conversation's category.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<PricingCategory>,
    /// Keys this model does not know, kept.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A status's `conversation` object (conversation-based pricing; may be absent since 2025-07-01).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConversationInfo {
    /// The conversation id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `origin`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<ConversationOrigin>,
    /// `expiration_timestamp`, as it came (a string or a number of unix seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_timestamp: Option<Value>,
    /// Keys this model does not know, kept.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl ConversationInfo {
    /// Reads a status's `conversation` object; `None` when it is not an object of this shape.
    pub fn from_json(text: &str) -> Option<ConversationInfo> {
        serde_json::from_str(text).ok()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn pricing_is_typed_and_keeps_unknown_values() {
        let text = r#"{"billable":false,"pricing_model":"PMP","category":"utility","type":"free_customer_service"}"#;
        let p = Pricing::from_json(text).unwrap();
        assert_eq!(p.pricing_model, Some(PricingModel::Pmp));
        assert_eq!(p.kind, Some(PricingType::FreeCustomerService));
        assert!(p.is_free());
        let back: Value = serde_json::to_value(&p).unwrap();
        assert_eq!(back, serde_json::from_str::<Value>(text).unwrap());

        let text = r#"{"pricing_model":"XYZ","type":"promo","category":"new_rate","new_key":[1]}"#;
        let p = Pricing::from_json(text).unwrap();
        assert_eq!(p.kind, Some(PricingType::Other("promo".into())));
        assert!(!p.is_free());
        let back: Value = serde_json::to_value(&p).unwrap();
        assert_eq!(back, serde_json::from_str::<Value>(text).unwrap());
        assert!(Pricing::from_json("[1]").is_none());
    }

    #[test]
    fn conversation_round_trips() {
        let text =
            r#"{"id":"abc","expiration_timestamp":"1700000000","origin":{"type":"marketing"}}"#;
        let c = ConversationInfo::from_json(text).unwrap();
        assert_eq!(
            c.origin.as_ref().unwrap().kind,
            Some(PricingCategory::Marketing)
        );
        let back: Value = serde_json::to_value(&c).unwrap();
        assert_eq!(back, serde_json::from_str::<Value>(text).unwrap());
    }
}
