//! `#[derive(WabaError)]`: an error's code, class and numbers declared on the variant they describe.
//!
//! Use it through `waba_error::WabaError`, which re-exports it beside the trait:
//!
//! ```
//! use waba_error::{ErrorClass, WabaError};
//!
//! #[derive(Debug, thiserror::Error, WabaError)]
//! #[waba(class = Invalid)]
//! enum TitleError {
//!     #[error("the title is empty")]
//!     #[waba(code = "example.title_empty", field = "title")]
//!     Empty,
//!     // `limit`, `actual` and `position` fields are reported as such without being named.
//!     #[error("the title is {actual} characters, more than {limit}")]
//!     #[waba(code = "example.title_too_long", field = "title", meta_code = 131_009)]
//!     TooLong { limit: u64, actual: u64 },
//!     #[error("the title is not known to the catalog")]
//!     #[waba(code = "example.title_unknown", class = Refused, http_status = 409)]
//!     Unknown,
//! }
//!
//! let e = TitleError::TooLong { limit: 20, actual: 30 };
//! assert_eq!((e.code(), e.class(), e.field()), ("example.title_too_long", ErrorClass::Invalid, Some("title")));
//! assert_eq!((e.limit(), e.actual(), e.position(), e.meta_code()), (Some(20), Some(30), None, Some(131_009)));
//! assert_eq!((TitleError::Unknown.class(), TitleError::Unknown.http_status()), (ErrorClass::Refused, 409));
//! assert_eq!(TitleError::Empty.http_status(), 400);
//! ```
//!
//! # Keys of `#[waba(...)]`
//!
//! On the enum or struct: `class` (the default class of every variant) and `http_status` (the
//! default status). On a struct, every key below. On a variant:
//!
//! | key | value | method |
//! |---|---|---|
//! | `code` | a string literal, or an expression giving `&'static str` | [`code`] |
//! | `class` | an [`ErrorClass`] variant's name, or an expression giving one | [`class`] |
//! | `field` | a string literal, `None`, or an expression giving `&str`, `&String` or `Option<&str>` | [`field`] |
//! | `limit`, `actual`, `position` | an integer literal, `None`, or an expression giving `u64`, `usize`, `u32`, `i64` or `Option<u64>` (by value or reference) | [`limit`] ... |
//! | `meta_code` | an integer literal, `None`, or an expression giving `u32` or `Option<u32>` | [`meta_code`] |
//! | `http_status` | an integer literal or an expression giving `u16` | [`http_status`] |
//! | `transparent` | (no value) on a variant of one field: every method asks that field | all |
//!
//! A variant thiserror reads as `#[error(transparent)]` and given no key is `transparent` here too;
//! given keys, it is described by them (and needs its `code`). `transparent` with another key is
//! refused at compile time, as are an unknown key, a key given twice and a missing `code`.
//!
//! ```compile_fail
//! // `transparent` with another key.
//! #[derive(Debug, thiserror::Error, waba_error::WabaError)]
//! enum E {
//!     #[error(transparent)]
//!     #[waba(transparent, class = Refused)]
//!     Inner(std::fmt::Error),
//! }
//! ```
//!
//! ```compile_fail
//! // Keys on a thiserror-transparent variant, but no code.
//! #[derive(Debug, thiserror::Error, waba_error::WabaError)]
//! #[waba(class = Invalid)]
//! enum E {
//!     #[error(transparent)]
//!     #[waba(class = Refused)]
//!     Inner(std::fmt::Error),
//! }
//! ```
//!
//! ```compile_fail
//! // An unknown key.
//! #[derive(Debug, thiserror::Error, waba_error::WabaError)]
//! #[waba(class = Invalid)]
//! enum E {
//!     #[error("e")]
//!     #[waba(code = "e.e", limits = 1)]
//!     E,
//! }
//! ```
//!
//! ```compile_fail
//! // No code.
//! #[derive(Debug, thiserror::Error, waba_error::WabaError)]
//! #[waba(class = Invalid)]
//! enum E {
//!     #[error("e")]
//!     E,
//! }
//! ```
//!
//! ```compile_fail
//! // No class, on the variant or the enum.
//! #[derive(Debug, thiserror::Error, waba_error::WabaError)]
//! enum E {
//!     #[error("e")]
//!     #[waba(code = "e.e")]
//!     E,
//! }
//! ```
//!
//! Expressions see the variant's fields by name (`_0`, `_1`... for a tuple variant), as references.
//! A field named `limit`, `actual` or `position` is that number unless the key says otherwise.
//!
//! [`code`]: https://docs.rs/waba-error/latest/waba_error/trait.WabaError.html#tymethod.code
//! [`class`]: https://docs.rs/waba-error/latest/waba_error/trait.WabaError.html#tymethod.class
//! [`field`]: https://docs.rs/waba-error/latest/waba_error/trait.WabaError.html#method.field
//! [`limit`]: https://docs.rs/waba-error/latest/waba_error/trait.WabaError.html#method.limit
//! [`meta_code`]: https://docs.rs/waba-error/latest/waba_error/trait.WabaError.html#method.meta_code
//! [`http_status`]: https://docs.rs/waba-error/latest/waba_error/trait.WabaError.html#method.http_status
//! [`ErrorClass`]: https://docs.rs/waba-error/latest/waba_error/enum.ErrorClass.html
#![forbid(unsafe_code)]

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Expr, ExprLit, Fields, Ident, Lit, parse_macro_input};

/// Implements `waba_error::WabaError` from `#[waba(...)]` attributes (see the crate docs).
#[proc_macro_derive(WabaError, attributes(waba))]
pub fn derive_waba_error(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// What one `#[waba(...)]` set of keys says (on a container or a variant).
#[derive(Default)]
struct Keys {
    code: Option<Expr>,
    class: Option<Expr>,
    field: Option<Expr>,
    limit: Option<Expr>,
    actual: Option<Expr>,
    position: Option<Expr>,
    meta_code: Option<Expr>,
    http_status: Option<Expr>,
    transparent: Option<Span>,
}

impl Keys {
    fn parse(attrs: &[syn::Attribute]) -> syn::Result<Keys> {
        let mut keys = Keys::default();
        // thiserror's `#[error(transparent)]` is transparent here too, unless `#[waba]` says more.
        let error_transparent = attrs.iter().find(|a| {
            a.path().is_ident("error") && a.parse_args::<Ident>().is_ok_and(|i| i == "transparent")
        });
        for attr in attrs.iter().filter(|a| a.path().is_ident("waba")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("transparent") {
                    keys.transparent = Some(meta.path.span());
                    return Ok(());
                }
                let slot = match meta.path.get_ident().map(Ident::to_string).as_deref() {
                    Some("code") => &mut keys.code,
                    Some("class") => &mut keys.class,
                    Some("field") => &mut keys.field,
                    Some("limit") => &mut keys.limit,
                    Some("actual") => &mut keys.actual,
                    Some("position") => &mut keys.position,
                    Some("meta_code") => &mut keys.meta_code,
                    Some("http_status") => &mut keys.http_status,
                    _ => return Err(meta.error("unknown key of #[waba(...)]")),
                };
                if slot.is_some() {
                    return Err(meta.error("this key is given twice"));
                }
                *slot = Some(meta.value()?.parse()?);
                Ok(())
            })?;
        }
        let said = [
            &keys.code,
            &keys.class,
            &keys.field,
            &keys.limit,
            &keys.actual,
            &keys.position,
            &keys.meta_code,
            &keys.http_status,
        ];
        if let Some(e) = said.iter().copied().flatten().next() {
            if keys.transparent.is_some() {
                return Err(syn::Error::new(
                    e.span(),
                    "a transparent variant takes every answer from the error it holds: no other key",
                ));
            }
        } else if let Some(attr) = error_transparent {
            keys.transparent.get_or_insert(attr.span());
        }
        Ok(keys)
    }
}

/// One way the value is reached: a variant (its pattern) or the struct itself.
struct Case {
    /// `Self::Name { a, b }`, `Self::Name(_0)`, `Self::Name` or `Self { a }`.
    pattern: TokenStream,
    keys: Keys,
    /// The names its fields are bound to.
    bound: Vec<Ident>,
    span: Span,
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let top = Keys::parse(&input.attrs)?;
    let cases = match &input.data {
        Data::Enum(data) => {
            let misplaced = [
                &top.code,
                &top.field,
                &top.limit,
                &top.actual,
                &top.position,
                &top.meta_code,
            ];
            if let Some(e) = misplaced.into_iter().flatten().next() {
                return Err(syn::Error::new(
                    e.span(),
                    "on an enum, #[waba(...)] takes only class and http_status; put the other keys on the variants",
                ));
            }
            if let Some(span) = top.transparent {
                return Err(syn::Error::new(
                    span,
                    "transparent goes on a variant, not on the enum",
                ));
            }
            let mut cases = Vec::with_capacity(data.variants.len());
            for v in &data.variants {
                let name = &v.ident;
                let (bind, bound) = binding(&v.fields);
                cases.push(Case {
                    pattern: quote!(Self::#name #bind),
                    keys: Keys::parse(&v.attrs)?,
                    bound,
                    span: v.span(),
                });
            }
            cases
        }
        Data::Struct(data) => {
            let (bind, bound) = binding(&data.fields);
            vec![Case {
                pattern: quote!(Self #bind),
                // A struct's keys are on the struct itself.
                keys: Keys::parse(&input.attrs)?,
                bound,
                span: input.ident.span(),
            }]
        }
        Data::Union(u) => {
            return Err(syn::Error::new(
                u.union_token.span,
                "WabaError cannot be derived for a union",
            ));
        }
    };
    let mut arms: [Vec<TokenStream>; 8] = Default::default();
    for case in &cases {
        let pattern = &case.pattern;
        let bodies = match case.keys.transparent {
            Some(span) => {
                let [inner] = case.bound.as_slice() else {
                    return Err(syn::Error::new(
                        span,
                        "transparent needs a variant of exactly one field",
                    ));
                };
                METHODS.map(|method| {
                    let method = Ident::new(method, Span::call_site());
                    quote!(::waba_error::WabaError::#method(#inner))
                })
            }
            None => answers(case, &top)?,
        };
        for (arm, body) in arms.iter_mut().zip(bodies) {
            arm.push(quote!(#pattern => #body));
        }
    }

    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    // An enum of no variant has no value: every method is an empty match.
    let types = [
        quote!(&'static str),
        quote!(::waba_error::ErrorClass),
        quote!(::core::option::Option<&str>),
        quote!(::core::option::Option<u64>),
        quote!(::core::option::Option<u64>),
        quote!(::core::option::Option<u64>),
        quote!(::core::option::Option<u32>),
        quote!(u16),
    ];
    let methods = METHODS
        .iter()
        .zip(types)
        .zip(&arms)
        .map(|((method, ty), arms)| {
            let method = Ident::new(method, Span::call_site());
            quote! {
                #[allow(unused_variables, clippy::match_single_binding)]
                fn #method(&self) -> #ty {
                    match self { #(#arms,)* }
                }
            }
        });
    Ok(quote! {
        #[automatically_derived]
        impl #impl_generics ::waba_error::WabaError for #name #ty_generics #where_clause {
            #(#methods)*
        }
    })
}

/// The trait's methods, in the order their arms are kept.
const METHODS: [&str; 8] = [
    "code",
    "class",
    "field",
    "limit",
    "actual",
    "position",
    "meta_code",
    "http_status",
];

/// The answer of each method (in [`METHODS`]' order) for a case that is not transparent.
fn answers(case: &Case, top: &Keys) -> syn::Result<[TokenStream; 8]> {
    let keys = &case.keys;
    let Some(c) = &keys.code else {
        return Err(syn::Error::new(case.span, "#[waba(code = ...)] is missing"));
    };
    let cl = match keys.class.as_ref().or(top.class.as_ref()) {
        Some(e) => class_expr(e),
        None => {
            return Err(syn::Error::new(
                case.span,
                "no class: give #[waba(class = ...)] here or on the enum",
            ));
        }
    };
    let f = match &keys.field {
        Some(e) if is_none(e) => quote!(::core::option::Option::None),
        Some(Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        })) => {
            quote!(::core::option::Option::Some(#s))
        }
        Some(e) => quote!(::waba_error::__private::field(#e)),
        None => quote!(::core::option::Option::None),
    };
    let [limit, actual, position] = [
        (&keys.limit, "limit"),
        (&keys.actual, "actual"),
        (&keys.position, "position"),
    ]
    .map(|(slot, name)| match slot {
        Some(e) => number(e, quote!(u64), quote!(number)),
        None if case.bound.iter().any(|b| b == name) => {
            let b = format_ident!("{}", name);
            quote!(::waba_error::__private::number(#b))
        }
        None => quote!(::core::option::Option::None),
    });
    let m = match &keys.meta_code {
        Some(e) => number(e, quote!(u32), quote!(meta)),
        None => quote!(::core::option::Option::None),
    };
    let h = match keys.http_status.as_ref().or(top.http_status.as_ref()) {
        Some(e) => quote!(#e),
        None => quote!(::waba_error::ErrorClass::http_status(#cl)),
    };
    Ok([quote!(#c), cl, f, limit, actual, position, m, h])
}

/// The pattern's binding part and the names it binds.
fn binding(fields: &Fields) -> (TokenStream, Vec<Ident>) {
    match fields {
        Fields::Named(named) => {
            let names: Vec<Ident> = named.named.iter().filter_map(|f| f.ident.clone()).collect();
            (quote!({ #(#names),* }), names)
        }
        Fields::Unnamed(unnamed) => {
            let names: Vec<Ident> = (0..unnamed.unnamed.len())
                .map(|i| format_ident!("_{}", i))
                .collect();
            (quote!(( #(#names),* )), names)
        }
        Fields::Unit => (TokenStream::new(), Vec::new()),
    }
}

fn is_none(e: &Expr) -> bool {
    matches!(e, Expr::Path(p) if p.path.is_ident("None"))
}

/// `Invalid` names a class; anything else is an expression giving one.
fn class_expr(e: &Expr) -> TokenStream {
    match e {
        Expr::Path(p) if p.path.get_ident().is_some() => quote!(::waba_error::ErrorClass::#p),
        e => quote!(#e),
    }
}

/// An integer literal is `Some(literal)`, `None` is none, anything else goes through the helper.
fn number(e: &Expr, ty: TokenStream, helper: TokenStream) -> TokenStream {
    match e {
        e if is_none(e) => quote!(::core::option::Option::None),
        Expr::Lit(ExprLit {
            lit: Lit::Int(i), ..
        }) => {
            quote!(::core::option::Option::Some::<#ty>(#i))
        }
        e => quote!(::waba_error::__private::#helper(#e)),
    }
}
