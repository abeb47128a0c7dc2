//! A record flattened into CSV cells straight from its `Serialize` form, with the same cells as
//! [`crate::output::format::csv::flatten_record`] gives for its JSON value: nested objects as
//! `parent_child` columns, lists joined with `; ` (an object in a list as its values joined with `:`),
//! null as an empty cell, text a spreadsheet would run as a formula neutralised, numbers as JSON writes
//! them. No `serde_json::Value` is built: a CSV of 500,000 results costs a few cells' text at a time.

use std::fmt::{self, Write as _};

use rustc_hash::FxHashMap;
use serde::ser::{self, Impossible, Serialize};

/// The cells of one record at a time, in the columns given; [`Flat::record`] fills them, the caller
/// writes them out.
pub struct Flat {
    columns: Vec<String>,
    index: FxHashMap<String, usize>,
    cells: Vec<String>,
    /// The column the next field most likely fills: fields come in the columns' order.
    next: usize,
    /// The path of the field being written (`target_text`).
    key: String,
    /// The top-level fields set by the lead, which the record's own fields of the same name do not replace.
    lead: Vec<&'static str>,
}

impl Flat {
    pub fn new(columns: Vec<String>) -> Flat {
        let index = columns.iter().enumerate().map(|(i, c)| (c.clone(), i)).collect();
        let cells = vec![String::new(); columns.len()];
        Flat { columns, index, cells, next: 0, key: String::new(), lead: Vec::new() }
    }

    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// Fills the cells from `lead` (columns put first, as [`crate::output::record`] does) and `value`,
    /// a struct or a map. A field with a value that is not one of the columns is an error, never
    /// dropped; an empty one is what the columns leave out (a `progress` of null where the columns
    /// hold its parts).
    pub fn record<T: Serialize + ?Sized>(
        &mut self,
        lead: &[(&'static str, &str)],
        value: &T,
    ) -> anyhow::Result<&[String]> {
        for cell in &mut self.cells {
            cell.clear();
        }
        self.next = 0;
        self.lead.clear();
        for (key, text) in lead {
            self.lead.push(key);
            self.key.clear();
            self.key.push_str(key);
            self.write(|cell| neutralise_into(text, cell)).map_err(|e| anyhow::anyhow!("cannot write CSV: {}", e.0))?;
        }
        self.key.clear();
        value.serialize(Field { flat: self, top: true }).map_err(|e| anyhow::anyhow!("cannot write CSV: {}", e.0))?;
        Ok(&self.cells)
    }

    /// The column of the current key.
    fn at(&mut self) -> Option<usize> {
        let at = match self.columns.get(self.next) {
            Some(c) if *c == self.key => Some(self.next),
            _ => self.index.get(self.key.as_str()).copied(),
        };
        if let Some(at) = at {
            self.next = at + 1;
        }
        at
    }

    /// Writes the current key's cell (empty until now) with `write`.
    fn write(&mut self, write: impl FnOnce(&mut String)) -> Result<(), Error> {
        match self.at() {
            Some(at) => {
                write(&mut self.cells[at]);
                Ok(())
            }
            None => {
                let mut text = String::new();
                write(&mut text);
                match text.is_empty() {
                    true => Ok(()),
                    false => Err(Error(format!("the field {} is not one of the columns", self.key))),
                }
            }
        }
    }
}

/// Text a spreadsheet would read as a formula, prefixed with `'` so it stays text.
fn neutralise_into(s: &str, out: &mut String) {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        out.push('\'');
    }
    out.push_str(s);
}

/// A number as serde_json writes it: integers in decimal, a finite float in its shortest form (`2.0`),
/// anything else null.
fn float_into(x: f64, out: &mut String) {
    if let Some(n) = serde_json::Number::from_f64(x) {
        let _ = write!(out, "{n}");
    }
}

#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// A field at the current key: a scalar fills its cell, an object its children's cells.
struct Field<'f> {
    flat: &'f mut Flat,
    /// The record itself, whose fields are named without a parent.
    top: bool,
}

macro_rules! scalar_methods {
    ($($method:ident: $t:ty),*) => {
        $(fn $method(self, v: $t) -> Result<(), Error> {
            self.scalar(|out| { let _ = write!(out, "{v}"); })
        })*
    };
}

impl Field<'_> {
    fn scalar(self, write: impl FnOnce(&mut String)) -> Result<(), Error> {
        self.flat.write(write)
    }

    /// Serializes `value` as the child `name` of the current key.
    fn child<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), Error> {
        if self.top && self.flat.lead.contains(&name) {
            return Ok(());
        }
        let len = self.flat.key.len();
        if !self.top {
            self.flat.key.push('_');
        }
        self.flat.key.push_str(name);
        let result = value.serialize(Field { flat: &mut *self.flat, top: false });
        self.flat.key.truncate(len);
        result
    }
}

impl<'f> ser::Serializer for Field<'f> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = List<'f>;
    type SerializeTuple = List<'f>;
    type SerializeTupleStruct = List<'f>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Object<'f>;
    type SerializeStruct = Object<'f>;
    type SerializeStructVariant = Impossible<(), Error>;

    scalar_methods!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
        serialize_i128: i128, serialize_u128: u128, serialize_bool: bool);

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(f64::from(v))
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.scalar(|out| float_into(v, out))
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.scalar(|out| neutralise_into(v, out))
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(Error("bytes have no CSV form".into()))
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.flat.write(|_| ())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        // JSON's `{"variant": value}`.
        self.child(variant, value)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<List<'f>, Error> {
        Ok(List { flat: self.flat, text: String::new(), first: true })
    }

    fn serialize_tuple(self, len: usize) -> Result<List<'f>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<List<'f>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Impossible<(), Error>, Error> {
        Err(Error("a tuple variant has no CSV form".into()))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Object<'f>, Error> {
        Ok(Object { field: self, key: None })
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Object<'f>, Error> {
        Ok(Object { field: self, key: None })
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Impossible<(), Error>, Error> {
        Err(Error("a struct variant has no CSV form".into()))
    }
}

/// An object's fields, each a child of its key.
pub struct Object<'f> {
    field: Field<'f>,
    /// A map's key, waiting for its value.
    key: Option<String>,
}

impl ser::SerializeStruct for Object<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), Error> {
        self.field.child(name, value)
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeMap for Object<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // A map key as JSON writes it: a string, or a number as its text.
        let key = match serde_json::to_value(key).map_err(|e| Error(e.to_string()))? {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        self.key = Some(key);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().ok_or_else(|| Error("a map value without its key".into()))?;
        self.field.child(&key, value)
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

/// A list: its items' text joined with `; ` in one cell.
pub struct List<'f> {
    flat: &'f mut Flat,
    text: String,
    first: bool,
}

impl List<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if !self.first {
            self.text.push_str("; ");
        }
        self.first = false;
        value.serialize(Text { out: &mut self.text })
    }

    fn finish(self) -> Result<(), Error> {
        let text = self.text;
        self.flat.write(|cell| cell.push_str(&text))
    }
}

impl ser::SerializeSeq for List<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeTuple for List<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for List<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

/// A value inside a list, as one piece of text: a list's items joined with `; `, an object's values
/// with `:`.
struct Text<'t> {
    out: &'t mut String,
}

macro_rules! text_methods {
    ($($method:ident: $t:ty),*) => {
        $(fn $method(self, v: $t) -> Result<(), Error> {
            let _ = write!(self.out, "{v}");
            Ok(())
        })*
    };
}

impl<'t> ser::Serializer for Text<'t> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Joined<'t>;
    type SerializeTuple = Joined<'t>;
    type SerializeTupleStruct = Joined<'t>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Joined<'t>;
    type SerializeStruct = Joined<'t>;
    type SerializeStructVariant = Impossible<(), Error>;

    text_methods!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
        serialize_i128: i128, serialize_u128: u128, serialize_bool: bool);

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(f64::from(v))
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        float_into(v, self.out);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        neutralise_into(v, self.out);
        Ok(())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(Error("bytes have no CSV form".into()))
    }

    fn serialize_none(self) -> Result<(), Error> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        Ok(())
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        // An object of one value: that value.
        value.serialize(self)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Joined<'t>, Error> {
        Ok(Joined { out: self.out, separator: "; ", first: true })
    }

    fn serialize_tuple(self, len: usize) -> Result<Joined<'t>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Joined<'t>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Impossible<(), Error>, Error> {
        Err(Error("a tuple variant has no CSV form".into()))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Joined<'t>, Error> {
        Ok(Joined { out: self.out, separator: ":", first: true })
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Joined<'t>, Error> {
        Ok(Joined { out: self.out, separator: ":", first: true })
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Impossible<(), Error>, Error> {
        Err(Error("a struct variant has no CSV form".into()))
    }
}

/// The items of a list or the values of an object inside a list, joined with their separator.
pub struct Joined<'t> {
    out: &'t mut String,
    separator: &'static str,
    first: bool,
}

impl Joined<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if !self.first {
            self.out.push_str(self.separator);
        }
        self.first = false;
        value.serialize(Text { out: &mut *self.out })
    }
}

impl ser::SerializeSeq for Joined<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeTuple for Joined<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Joined<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeMap for Joined<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), Error> {
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeStruct for Joined<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, value: &T) -> Result<(), Error> {
        self.item(value)
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;
    use crate::output::format::csv::flatten_record;
    use crate::output::record;

    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        OnTrack,
        Wrapped(f64),
    }

    #[derive(Serialize)]
    struct Point {
        year: i32,
        value: f64,
    }

    #[derive(Serialize)]
    struct Inner {
        text: &'static str,
        source: Option<&'static str>,
        from: Point,
    }

    #[derive(Serialize)]
    struct Row {
        label: &'static str,
        value: f64,
        whole: f64,
        tiny: f64,
        nan: f64,
        count: u64,
        negative: i32,
        flag: bool,
        reason: Option<String>,
        formula: &'static str,
        kind: Kind,
        wrapped: Kind,
        target: Inner,
        missing: Option<Inner>,
        series: Vec<Point>,
        words: Vec<&'static str>,
        nested: Vec<Vec<u8>>,
        #[serde(rename = "type")]
        kind2: &'static str,
    }

    fn row(missing: bool) -> Row {
        Row {
            label: "ignored: the lead's label stands",
            value: -3.5,
            whole: 2.0,
            tiny: 1e-7,
            nan: f64::NAN,
            count: u64::MAX,
            negative: -12,
            flag: true,
            reason: (!missing).then(|| "=HYPERLINK(1)".into()),
            formula: "@SUM(A1)",
            kind: Kind::OnTrack,
            wrapped: Kind::Wrapped(0.1),
            target: Inner { text: "≥80", source: None, from: Point { year: 2020, value: 36.25 } },
            missing: (!missing).then_some(Inner {
                text: "+x",
                source: Some("省"),
                from: Point { year: 1, value: 1e21 },
            }),
            series: vec![Point { year: 2020, value: 1.5 }, Point { year: 2021, value: 2.0 }],
            words: vec!["a", "-b"],
            nested: vec![vec![1, 2], vec![]],
            kind2: "binding",
        }
    }

    /// The cells of the JSON route, in the order of `columns`.
    fn through_json(value: &Row, lead: &[(&'static str, &str)], columns: &[String]) -> Vec<String> {
        let first = lead.iter().map(|(k, v)| (*k, serde_json::Value::from(*v))).collect();
        let cells = flatten_record(&record(serde_json::to_value(value).unwrap_or_default(), first));
        columns.iter().map(|c| cells.iter().find(|(k, _)| k == c).map(|(_, v)| v.clone()).unwrap_or_default()).collect()
    }

    #[test]
    fn the_cells_are_those_of_the_json_value_flattened() {
        let lead = [("label", "4a"), ("status_label", "=达标")];
        let full = row(false);
        let first = lead.iter().map(|(k, v)| (*k, serde_json::Value::from(*v))).collect();
        let shape = flatten_record(&record(serde_json::to_value(&full).unwrap_or_default(), first));
        let columns: Vec<String> = shape.iter().map(|(k, _)| k.clone()).collect();
        assert!(columns.contains(&"missing_from_year".to_string()), "{columns:?}");
        let mut flat = Flat::new(columns.clone());
        for value in [full, row(true)] {
            let json = through_json(&value, &lead, &columns);
            let cells = flat.record(&lead, &value).map(<[String]>::to_vec).unwrap_or_default();
            assert_eq!(cells, json);
        }
        // Worked by hand: what each kind of value becomes.
        let cells = flat.record(&lead, &row(false)).map(<[String]>::to_vec).unwrap_or_default();
        let get = |k: &str| columns.iter().position(|c| c == k).map(|i| cells[i].as_str());
        assert_eq!(get("label"), Some("4a"));
        assert_eq!(get("status_label"), Some("'=达标"));
        assert_eq!(get("value"), Some("-3.5"));
        assert_eq!(get("whole"), Some("2.0"));
        assert_eq!(get("tiny"), Some("1e-7"));
        assert_eq!(get("nan"), Some(""));
        assert_eq!(get("count"), Some("18446744073709551615"));
        assert_eq!(get("reason"), Some("'=HYPERLINK(1)"));
        assert_eq!(get("kind"), Some("on_track"));
        assert_eq!(get("wrapped_wrapped"), Some("0.1"));
        assert_eq!(get("target_source"), Some(""));
        assert_eq!(get("target_from_value"), Some("36.25"));
        assert_eq!(get("missing_from_value"), Some("1e+21"));
        assert_eq!(get("series"), Some("2020:1.5; 2021:2.0"));
        assert_eq!(get("words"), Some("a; '-b"));
        assert_eq!(get("nested"), Some("1; 2; "));
        assert_eq!(get("type"), Some("binding"));
    }

    #[test]
    fn a_field_outside_the_columns_is_an_error_unless_it_is_empty() {
        let mut flat = Flat::new(vec!["year".into()]);
        assert_eq!(
            flat.record(&[], &Point { year: 2020, value: f64::NAN }).map(<[String]>::to_vec).ok(),
            Some(vec!["2020".to_string()])
        );
        let err = flat.record(&[], &Point { year: 2020, value: 1.0 }).err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("cannot write CSV: the field value is not one of the columns"));
    }
}
