//! `#[derive(Fields)]`: a record's fields declared once.
//!
//! On a struct with named fields it implements
//! `kizuna_domain::fields::Fields`: the struct's columns (each field's
//! type says how many and of which kind, through
//! `kizuna_domain::fields::Field`), writing them in order, and reading them
//! back by column name, naming every field that could not be read.
//!
//! Field attributes:
//! - `#[field(skip)]`: not a column (kept elsewhere, e.g. a child table);
//!   read back as `Default::default()`;
//! - `#[field(rename = "col")]`: the column's name, when not the field's;
//! - `#[field(with = path)]`: a module with `columns`, `write` and `read`
//!   functions that store the field another way (e.g. degrees as 1e-7
//!   integers), in place of its type's `Field`.

use proc_macro::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, LitStr, Path, parse_macro_input};

struct FieldSpec {
    ident: syn::Ident,
    ty: syn::Type,
    column: String,
    skip: bool,
    with: Option<Path>,
}

fn spec(f: &syn::Field) -> syn::Result<FieldSpec> {
    let ident = f
        .ident
        .clone()
        .ok_or_else(|| syn::Error::new_spanned(f, "Fields needs named fields"))?;
    let mut s = FieldSpec {
        column: ident.to_string(),
        ident,
        ty: f.ty.clone(),
        skip: false,
        with: None,
    };
    for attr in &f.attrs {
        if !attr.path().is_ident("field") {
            continue;
        }
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("skip") {
                s.skip = true;
                Ok(())
            } else if meta.path.is_ident("rename") {
                let lit: LitStr = meta.value()?.parse()?;
                s.column = lit.value();
                Ok(())
            } else if meta.path.is_ident("with") {
                let lit: LitStr = meta.value()?.parse()?;
                s.with = Some(lit.parse()?);
                Ok(())
            } else {
                Err(meta.error("expected skip, rename = \"…\" or with = \"path\""))
            }
        })?;
    }
    Ok(s)
}

#[proc_macro_derive(Fields, attributes(field))]
pub fn derive_fields(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(t) => t.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(input: &DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
    let name = &input.ident;
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(input, "Fields is derived for structs"));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new_spanned(input, "Fields needs named fields"));
    };
    let specs = named.named.iter().map(spec).collect::<syn::Result<Vec<_>>>()?;
    let f = quote!(::kizuna_domain::fields);
    let stored: Vec<&FieldSpec> = specs.iter().filter(|s| !s.skip).collect();
    let names: Vec<String> = stored.iter().map(|s| s.ident.to_string()).collect();
    let columns = stored.iter().map(|s| {
        let (ty, col) = (&s.ty, &s.column);
        match &s.with {
            Some(w) => quote!(#w::columns(#col, &mut out);),
            None => quote!(<#ty as #f::Field>::columns(#col, false, &mut out);),
        }
    });
    let writes = stored.iter().map(|s| {
        let (ty, id) = (&s.ty, &s.ident);
        match &s.with {
            Some(w) => quote!(#w::write(&self.#id, &mut out);),
            None => quote!(<#ty as #f::Field>::write(&self.#id, &mut out);),
        }
    });
    let vars: Vec<syn::Ident> = stored.iter().map(|s| format_ident!("__{}", s.ident)).collect();
    let reads = stored.iter().zip(&vars).map(|(s, v)| {
        let (ty, col, label) = (&s.ty, &s.column, s.ident.to_string());
        let read = match &s.with {
            Some(w) => quote!(#w::read(#col, row)),
            None => quote!(<#ty as #f::Field>::read(#col, row)),
        };
        quote! {
            let #v = match #read {
                Ok(v) => Some(v),
                Err(e) => {
                    errors.push(e.at(#label));
                    None
                }
            };
        }
    });
    let assign_stored = stored.iter().zip(&vars).map(|(s, v)| {
        let id = &s.ident;
        quote!(#id: #v)
    });
    let assign_skipped = specs.iter().filter(|s| s.skip).map(|s| {
        let id = &s.ident;
        quote!(#id: ::core::default::Default::default())
    });
    let (ig, tg, wc) = input.generics.split_for_impl();
    Ok(quote! {
        impl #ig #f::Fields for #name #tg #wc {
            fn columns() -> &'static [#f::Column] {
                static COLUMNS: ::std::sync::OnceLock<::std::vec::Vec<#f::Column>> = ::std::sync::OnceLock::new();
                COLUMNS.get_or_init(|| {
                    let mut out = ::std::vec::Vec::new();
                    #(#columns)*
                    out
                })
            }

            fn field_names() -> &'static [&'static str] {
                &[#(#names),*]
            }

            fn write(&self) -> ::std::vec::Vec<#f::Value> {
                let mut out = ::std::vec::Vec::with_capacity(<Self as #f::Fields>::columns().len());
                #(#writes)*
                out
            }

            fn read(row: &mut dyn #f::Row) -> ::core::result::Result<Self, ::std::vec::Vec<::kizuna_domain::FieldError>> {
                let mut errors = ::std::vec::Vec::new();
                #(#reads)*
                match (#(#vars,)*) {
                    (#(Some(#vars),)*) => Ok(#name {
                        #(#assign_stored,)*
                        #(#assign_skipped,)*
                    }),
                    _ => Err(errors),
                }
            }
        }
    })
}
