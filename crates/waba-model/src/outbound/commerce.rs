//! Interactive commerce messages: a product, a product list, the catalog, an order to pay and an
//! order's status.

use serde_json::{Map, Value};

use super::interactive::{Frame, InteractiveHeader, read_body, read_footer, read_header};
use super::read::{Reader, string_value};
use super::read::{object, s};
use super::schema::{Shape, check, opt, req};
use crate::error::{ModelError, quote};

/// One product of a catalog (`product`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProductMessage {
    /// The body text (optional for a single product).
    pub body: Option<String>,
    /// The footer text.
    pub footer: Option<String>,
    /// The catalog.
    pub catalog_id: String,
    /// The product.
    pub product_retailer_id: String,
}

/// A section of a product list.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProductSection {
    /// The title (required when there are several sections).
    pub title: Option<String>,
    /// The products' retailer ids, in order.
    pub product_retailer_ids: Vec<String>,
}

/// Up to 30 products of a catalog, in sections (`product_list`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProductListMessage {
    /// The header (Meta requires a text header).
    pub header: Option<InteractiveHeader>,
    /// The body text.
    pub body: String,
    /// The footer text.
    pub footer: Option<String>,
    /// The catalog.
    pub catalog_id: String,
    /// The sections.
    pub sections: Vec<ProductSection>,
}

/// The business's catalog (`catalog_message`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CatalogMessage {
    /// The body text.
    pub body: String,
    /// The footer text.
    pub footer: Option<String>,
    /// The product shown as thumbnail (`parameters.thumbnail_product_retailer_id`).
    pub thumbnail_product_retailer_id: Option<String>,
}

/// An order to review and pay (`order_details`, action `review_and_pay`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct OrderDetailsMessage {
    /// The header.
    pub header: Option<InteractiveHeader>,
    /// The body text.
    pub body: String,
    /// The footer text.
    pub footer: Option<String>,
    /// `action.parameters`: checked against Meta's order-details shape (every key known).
    pub parameters: Map<String, Value>,
}

/// The state of an order (`order_status`, action `review_order`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OrderStatusMessage {
    /// The body text.
    pub body: String,
    /// The footer text.
    pub footer: Option<String>,
    /// The order's reference id (as in its `order_details` message).
    pub reference_id: String,
    /// The status: one of [`ORDER_STATUSES`].
    pub status: String,
    /// Why, shown to the customer.
    pub description: Option<String>,
}

/// The statuses an order may be given.
pub const ORDER_STATUSES: [&str; 6] = [
    "pending",
    "processing",
    "partially_shipped",
    "shipped",
    "completed",
    "canceled",
];

impl ProductMessage {
    pub(crate) fn to_json(&self) -> Value {
        Frame {
            kind: "product",
            header: None,
            body: self.body.as_deref(),
            footer: self.footer.as_deref(),
        }
        .with_action(object([
            ("catalog_id", s(&self.catalog_id)),
            ("product_retailer_id", s(&self.product_retailer_id)),
        ]))
    }

    pub(crate) fn read(o: &mut Reader) -> Result<ProductMessage, ModelError> {
        let body = o.opt_wrapped_text("body")?;
        let footer = read_footer(o)?;
        let mut action = o.object("action")?;
        let catalog_id = action.string("catalog_id")?;
        let product_retailer_id = action.string("product_retailer_id")?;
        action.finish()?;
        Ok(ProductMessage {
            body,
            footer,
            catalog_id,
            product_retailer_id,
        })
    }
}

/// Reads product sections `[{"title", "product_items": [{"product_retailer_id"}]}]`.
pub(crate) fn read_product_sections(
    items: Vec<(String, Value)>,
) -> Result<Vec<ProductSection>, ModelError> {
    items
        .into_iter()
        .map(|(path, v)| {
            let mut sec = Reader::new(v, path)?;
            let title = sec.opt_string("title")?;
            let ids = sec
                .array("product_items")?
                .into_iter()
                .map(|(path, v)| {
                    let mut item = Reader::new(v, path)?;
                    let id = item.string("product_retailer_id")?;
                    item.finish()?;
                    Ok(id)
                })
                .collect::<Result<Vec<_>, ModelError>>()?;
            sec.finish()?;
            Ok(ProductSection {
                title,
                product_retailer_ids: ids,
            })
        })
        .collect()
}

/// The JSON of product sections.
pub(crate) fn product_sections_json(sections: &[ProductSection]) -> Value {
    Value::Array(
        sections
            .iter()
            .map(|sec| {
                let items = sec
                    .product_retailer_ids
                    .iter()
                    .map(|id| object([("product_retailer_id", s(id))]))
                    .collect();
                object([
                    ("title", sec.title.as_deref().map(Value::from)),
                    ("product_items", Some(Value::Array(items))),
                ])
            })
            .collect(),
    )
}

impl ProductListMessage {
    pub(crate) fn to_json(&self) -> Value {
        Frame {
            kind: "product_list",
            header: self.header.as_ref(),
            body: Some(&self.body),
            footer: self.footer.as_deref(),
        }
        .with_action(object([
            ("catalog_id", s(&self.catalog_id)),
            ("sections", Some(product_sections_json(&self.sections))),
        ]))
    }

    pub(crate) fn read(o: &mut Reader) -> Result<ProductListMessage, ModelError> {
        let header = read_header(o)?;
        let body = read_body(o)?;
        let footer = read_footer(o)?;
        let mut action = o.object("action")?;
        let catalog_id = action.string("catalog_id")?;
        let sections = read_product_sections(action.array("sections")?)?;
        action.finish()?;
        Ok(ProductListMessage {
            header,
            body,
            footer,
            catalog_id,
            sections,
        })
    }
}

impl CatalogMessage {
    pub(crate) fn to_json(&self) -> Value {
        let parameters = self
            .thumbnail_product_retailer_id
            .as_deref()
            .map(|id| object([("thumbnail_product_retailer_id", s(id))]));
        Frame {
            kind: "catalog_message",
            header: None,
            body: Some(&self.body),
            footer: self.footer.as_deref(),
        }
        .with_action(object([
            ("name", s("catalog_message")),
            ("parameters", parameters),
        ]))
    }

    pub(crate) fn read(o: &mut Reader) -> Result<CatalogMessage, ModelError> {
        let body = read_body(o)?;
        let footer = read_footer(o)?;
        let mut action = o.object("action")?;
        action.fixed("name", "catalog_message")?;
        let thumbnail_product_retailer_id = match action.opt_object("parameters")? {
            None => None,
            Some(mut p) => {
                let id = p.string("thumbnail_product_retailer_id")?;
                p.finish()?;
                Some(id)
            }
        };
        action.finish()?;
        Ok(CatalogMessage {
            body,
            footer,
            thumbnail_product_retailer_id,
        })
    }
}

/// Meta's order-details parameters (payments in India, Brazil, Singapore): every key documented.
static ORDER_DETAILS: Shape = Shape::Obj(&[
    req("reference_id", Shape::Str),
    req("type", Shape::OneOf(&["digital-goods", "physical-goods"])),
    opt("payment_type", Shape::Str),
    opt("payment_configuration", Shape::Str),
    opt(
        "payment_settings",
        Shape::Arr(&Shape::Obj(&[
            req("type", Shape::Str),
            opt(
                "payment_gateway",
                Shape::Obj(&[
                    req("type", Shape::Str),
                    req("configuration_name", Shape::Str),
                    opt(
                        "razorpay",
                        Shape::Obj(&[opt("receipt", Shape::Str), opt("notes", Shape::FreeObject)]),
                    ),
                    opt("payu", Shape::FreeObject),
                    opt("zaakpay", Shape::FreeObject),
                    opt("billdesk", Shape::FreeObject),
                ]),
            ),
            opt("payment_link", Shape::Obj(&[req("uri", Shape::Str)])),
            opt(
                "pix_dynamic_code",
                Shape::Obj(&[
                    req("code", Shape::Str),
                    req("merchant_name", Shape::Str),
                    req("key", Shape::Str),
                    req("key_type", Shape::Str),
                ]),
            ),
            opt("boleto", Shape::Obj(&[req("digitable_line", Shape::Str)])),
        ])),
    ),
    req("currency", Shape::Str),
    req("total_amount", AMOUNT_REF),
    req(
        "order",
        Shape::Obj(&[
            req("status", Shape::Str),
            opt("catalog_id", Shape::Str),
            opt(
                "expiration",
                Shape::Obj(&[req("timestamp", Shape::Str), req("description", Shape::Str)]),
            ),
            req(
                "items",
                Shape::Arr(&Shape::Obj(&[
                    req("retailer_id", Shape::Str),
                    opt("product_id", Shape::Str),
                    req("name", Shape::Str),
                    req("amount", AMOUNT_REF),
                    opt("sale_amount", AMOUNT_REF),
                    req("quantity", Shape::Int),
                    opt("country_of_origin", Shape::Str),
                    opt("importer_name", Shape::Str),
                    opt(
                        "importer_address",
                        Shape::Obj(&[
                            req("address_line1", Shape::Str),
                            opt("address_line2", Shape::Str),
                            req("city", Shape::Str),
                            req("zone_code", Shape::Str),
                            req("postal_code", Shape::Str),
                            req("country_code", Shape::Str),
                        ]),
                    ),
                ])),
            ),
            req("subtotal", AMOUNT_REF),
            req("tax", AMOUNT_DESCRIBED_REF),
            opt("shipping", AMOUNT_DESCRIBED_REF),
            opt(
                "discount",
                Shape::Obj(&[
                    req("value", Shape::Int),
                    req("offset", Shape::Int),
                    opt("description", Shape::Str),
                    opt("discount_program_name", Shape::Str),
                ]),
            ),
        ]),
    ),
]);

/// `{value, offset}`: an amount, `value / offset` (offset 100 for cents).
const AMOUNT_REF: Shape = Shape::Obj(&[req("value", Shape::Int), req("offset", Shape::Int)]);
/// An amount with a description, as a `const`.
const AMOUNT_DESCRIBED_REF: Shape = Shape::Obj(&[
    req("value", Shape::Int),
    req("offset", Shape::Int),
    opt("description", Shape::Str),
]);

impl OrderDetailsMessage {
    pub(crate) fn to_json(&self) -> Value {
        Frame {
            kind: "order_details",
            header: self.header.as_ref(),
            body: Some(&self.body),
            footer: self.footer.as_deref(),
        }
        .with_action(object([
            ("name", s("review_and_pay")),
            ("parameters", Some(Value::Object(self.parameters.clone()))),
        ]))
    }

    pub(crate) fn read(o: &mut Reader) -> Result<OrderDetailsMessage, ModelError> {
        let header = read_header(o)?;
        let body = read_body(o)?;
        let footer = read_footer(o)?;
        let mut action = o.object("action")?;
        action.fixed("name", "review_and_pay")?;
        let path = action.at("parameters");
        let parameters = action.required("parameters")?;
        action.finish()?;
        check(&parameters, &ORDER_DETAILS, &path)?;
        let Value::Object(parameters) = parameters else {
            return Err(super::read::wrong_type(path, "an object", &parameters));
        };
        Ok(OrderDetailsMessage {
            header,
            body,
            footer,
            parameters,
        })
    }
}

impl OrderStatusMessage {
    pub(crate) fn to_json(&self) -> Value {
        Frame {
            kind: "order_status",
            header: None,
            body: Some(&self.body),
            footer: self.footer.as_deref(),
        }
        .with_action(object([
            ("name", s("review_order")),
            (
                "parameters",
                Some(object([
                    ("reference_id", s(&self.reference_id)),
                    (
                        "order",
                        Some(object([
                            ("status", s(&self.status)),
                            ("description", self.description.as_deref().map(Value::from)),
                        ])),
                    ),
                ])),
            ),
        ]))
    }

    pub(crate) fn read(o: &mut Reader) -> Result<OrderStatusMessage, ModelError> {
        let body = read_body(o)?;
        let footer = read_footer(o)?;
        let mut action = o.object("action")?;
        action.fixed("name", "review_order")?;
        let mut p = action.object("parameters")?;
        action.finish()?;
        let reference_id = p.string("reference_id")?;
        let mut order = p.object("order")?;
        p.finish()?;
        let status_path = order.at("status");
        let status = string_value(status_path.clone(), order.required("status")?)?;
        if !ORDER_STATUSES.contains(&status.as_str()) {
            return Err(ModelError::UnknownType {
                field: status_path,
                value: quote(&status),
            });
        }
        let description = order.opt_string("description")?;
        order.finish()?;
        Ok(OrderStatusMessage {
            body,
            footer,
            reference_id,
            status,
            description,
        })
    }
}
