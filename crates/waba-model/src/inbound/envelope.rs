//! The webhook envelope (Cloud API) and the value of a change (also the On-Premises top level).

use crate::wire::{List, Slot, WireHooks, wire_struct};

use super::message::Message;
use super::status::{ApiError, Status};

wire_struct! {
    /// The Cloud API envelope: `{"object": "whatsapp_business_account", "entry": [...]}`.
    pub struct Envelope {
        /// `whatsapp_business_account`.
        object: String = "object",
        /// The entries.
        entry: List<Entry> = "entry",
    }
}
impl WireHooks for Envelope {}

wire_struct! {
    /// One entry: a WhatsApp Business Account's changes.
    pub struct Entry {
        /// The WhatsApp Business Account id.
        id: String = "id",
        /// The changes.
        changes: List<Change> = "changes",
    }
}
impl WireHooks for Entry {}

wire_struct! {
    /// One change: `{"field": "messages", "value": {...}}`.
    pub struct Change {
        /// `messages` for messages and statuses; other fields (`account_update`,
        /// `message_template_status_update`, `calls`, …) are kept but not interpreted.
        field: String = "field",
        /// The value.
        value: ChangeValue = "value",
    }
}
impl WireHooks for Change {}

wire_struct! {
    /// The value of a change; the On-Premises shape has the same fields at its top level.
    pub struct ChangeValue {
        /// `whatsapp`.
        messaging_product: String = "messaging_product",
        /// The business number that received the messages.
        metadata: Metadata = "metadata",
        /// The customers who wrote.
        contacts: List<Slot<Contact>> = "contacts",
        /// Inbound messages.
        messages: List<Slot<Message>> = "messages",
        /// Echoes of messages the business sent from the WhatsApp Business app.
        message_echoes: List<Slot<Message>> = "message_echoes",
        /// Statuses of outbound messages.
        statuses: List<Slot<Status>> = "statuses",
        /// Errors not tied to a message.
        errors: List<Slot<ApiError>> = "errors",
    }
}
impl WireHooks for ChangeValue {}

wire_struct! {
    /// The business number of a change.
    pub struct Metadata {
        /// The number as displayed (digits, often without `+`).
        display_phone_number: String = "display_phone_number",
        /// The phone number id used to send.
        phone_number_id: String = "phone_number_id",
    }
}
impl WireHooks for Metadata {}

wire_struct! {
    /// A customer who wrote.
    pub struct Contact {
        /// Profile.
        profile: Profile = "profile",
        /// The customer's wa_id (absent for users known only by BSUID).
        wa_id: String = "wa_id",
        /// The customer's business-scoped user id.
        user_id: String = "user_id",
        /// The customer's parent business-scoped user id.
        parent_user_id: String = "parent_user_id",
    }
}
impl WireHooks for Contact {}

wire_struct! {
    /// A customer's WhatsApp profile.
    pub struct Profile {
        /// The profile name.
        name: String = "name",
        /// The WhatsApp username.
        username: String = "username",
    }
}
impl WireHooks for Profile {}
