package runtime

import (
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"reflect"
	"strings"
)

// File is a file to upload in a multipart/form-data request. Content is
// streamed as the request is sent, not read into memory first; the client
// does not close it.
type File struct {
	// Name is the file name sent to the server; it defaults to the name
	// of the form field.
	Name string
	// ContentType defaults to application/octet-stream.
	ContentType string
	Content     io.Reader
}

// formPart is one part of a multipart body, gathered (and checked) before
// anything is sent.
type formPart struct {
	name string
	text string
	file *File
}

var formLayoutCache typeCache // reflect.Type → []paramField

func formLayoutOf(t reflect.Type) []paramField {
	if l, ok := formLayoutCache.load(t); ok {
		return l.([]paramField)
	}
	var fields []paramField
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		// The tag is the field's name, and for a URL-encoded form its
		// style (see addValue).
		name, style, _ := strings.Cut(sf.Tag.Get("form"), ",")
		if sf.IsExported() && name != "" && name != "-" {
			fields = append(fields, paramField{index: i, goName: sf.Name, name: name, style: style})
		}
	}
	return formLayoutCache.store(t, fields).([]paramField)
}

// formParts lists the parts of a multipart form struct: File fields become
// file parts, scalars text fields, lists one part per element, and objects
// their JSON text. Nil pointers (the optional fields) and absent or null
// Nullables are skipped.
func formParts(form any) ([]formPart, error) {
	rv, err := structOf(form, "form")
	if err != nil || !rv.IsValid() {
		return nil, err
	}
	var parts []formPart
	for _, f := range formLayoutOf(rv.Type()) {
		fv, ok := paramValue(rv.Field(f.index))
		if !ok || formAbsent(fv) {
			continue
		}
		var err error
		if fv.Kind() == reflect.Slice && codecOf(fv.Type()).kind != codecBytes {
			for i := 0; i < fv.Len() && err == nil; i++ {
				if ev, ok := paramValue(fv.Index(i)); ok {
					parts, err = appendFormPart(parts, f.name, ev)
				}
			}
		} else {
			parts, err = appendFormPart(parts, f.name, fv)
		}
		if err != nil {
			return nil, fmt.Errorf("intercom: form field %s (%q): %w", f.goName, f.name, err)
		}
	}
	return parts, nil
}

func appendFormPart(parts []formPart, name string, v reflect.Value) ([]formPart, error) {
	if v.Type() == typeOfFile {
		file := v.Interface().(File)
		return append(parts, formPart{name: name, file: &file}), nil
	}
	if ct := codecOf(v.Type()); ct.kind == codecBytes {
		// Raw bytes are a file without a name rather than base64 text.
		file := File{Content: strings.NewReader(string(v.Bytes()))}
		return append(parts, formPart{name: name, file: &file}), nil
	}
	if s, ok := scalarParamText(v); ok {
		return append(parts, formPart{name: name, text: s}), nil
	}
	switch codecOf(v.Type()).kind {
	case codecObject, codecUnion, codecMap, codecAny, codecRawJSON, codecSlice:
		enc, err := appendValue(nil, v, 0)
		if err != nil {
			return parts, err
		}
		return append(parts, formPart{name: name, text: string(enc)}), nil
	}
	return parts, fmt.Errorf("unsupported type %s", v.Type())
}

// startMultipart checks the form and returns a body that produces it as it
// is read, with its content type. The writing goroutine ends when the body
// is fully read or closed (http.Client closes it even on errors; callers
// that never send it must close it).
func startMultipart(form any) (*io.PipeReader, string, error) {
	parts, err := formParts(form)
	if err != nil {
		return nil, "", err
	}
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	contentType := mw.FormDataContentType()
	go func() {
		pw.CloseWithError(writeFormParts(mw, parts))
	}()
	return pr, contentType, nil
}

var formQuoteEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r", "%0D", "\n", "%0A")

func writeFormParts(mw *multipart.Writer, parts []formPart) error {
	for _, p := range parts {
		if p.file == nil {
			if err := mw.WriteField(p.name, p.text); err != nil {
				return err
			}
			continue
		}
		filename := p.file.Name
		if filename == "" {
			filename = p.name
		}
		contentType := p.file.ContentType
		if contentType == "" {
			contentType = "application/octet-stream"
		}
		h := make(textproto.MIMEHeader)
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`,
			formQuoteEscaper.Replace(p.name), formQuoteEscaper.Replace(filename)))
		h.Set("Content-Type", contentType)
		w, err := mw.CreatePart(h)
		if err != nil {
			return err
		}
		if p.file.Content != nil {
			if _, err := io.Copy(w, p.file.Content); err != nil {
				return err
			}
		}
	}
	return mw.Close()
}

// formAbsent reports a field left at its zero value where zero means
// absent: a File without content, an empty object, list or map (optional
// composites are plain values in generated code).
func formAbsent(v reflect.Value) bool {
	if v.Type() == typeOfFile {
		return v.Interface().(File).Content == nil
	}
	switch codecOf(v.Type()).kind {
	case codecObject, codecUnion, codecMap, codecSlice, codecBytes, codecAny, codecRawJSON:
		return v.IsZero()
	}
	return false
}
