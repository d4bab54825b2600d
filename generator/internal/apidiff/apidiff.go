// Package apidiff says what changed between two versions of Intercom's
// API for a Go caller, and how much it matters.
//
// It compares on two layers. The Go layer compares the surfaces of the two
// generated packages (generator/surface): types, fields, methods,
// functions, constants. The wire layer compares the two descriptions:
// operations, parameters, request and response bodies, properties, enum
// values, requiredness and nullability. Every change is produced by a rule
// of a fixed registry (Rules) with an ID and a level: breaking, review or
// additive. Data rules come in request/response pairs judged in opposite
// directions: a new required property breaks a request and not a response,
// a removed one breaks a response and not a request. A component schema is
// judged in every direction it is used in, in either description.
//
// Each change is located in both descriptions (file:line, from the
// loader's positions) where it has a place there.
package apidiff

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/intercom-gen/intercom-gen/generator/internal/pipeline"
	"github.com/intercom-gen/intercom-gen/generator/internal/surface"
	"github.com/intercom-gen/intercom-gen/loader"
)

// Location is a place in a description.
type Location struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	// Pointer is the JSON pointer of the element.
	Pointer string `json:"pointer,omitempty"`
}

// String is "file:line", "file" when the line is unknown, "" when there is
// no place (the element does not exist on that side).
func (l Location) String() string {
	switch {
	case l.File == "":
		return ""
	case l.Line == 0:
		return l.File
	}
	return fmt.Sprintf("%s:%d", l.File, l.Line)
}

// Change is one difference between the two versions.
type Change struct {
	Rule  string `json:"rule"`
	Level Level  `json:"level"`
	Layer Layer  `json:"layer"`
	// Direction is "request", "response" or "request+response" for data
	// rules, "" otherwise.
	Direction string `json:"direction,omitempty"`
	// Subject is what changed: a Go item ("field Contact.OwnerID"), an
	// operation ("GET /contacts/{contact_id}"), or a schema path
	// ("contact.owner_id", "POST /tags 200.type").
	Subject string `json:"subject"`
	Message string `json:"message"`
	// From and To locate the change in the old and the new description.
	From Location `json:"from,omitzero"`
	To   Location `json:"to,omitzero"`
}

// Side is one of the two compared versions.
type Side struct {
	// Label names it in reports: a version ("2.15") or a file name.
	Label string `json:"label"`
	// File is the description's path as given.
	File string `json:"file"`
	// Version is the API version the description documents.
	Version string `json:"version"`
}

// Report is the result of a comparison.
type Report struct {
	From    Side     `json:"from"`
	To      Side     `json:"to"`
	Changes []Change `json:"changes"`
}

// Input is one version to compare: its loaded description and the package
// generated from it.
type Input struct {
	// Label names the version in reports; the document's version when empty.
	Label string
	// File names the description in locations; Doc.File when empty (a
	// report for a pull request names it relative to the repository).
	File   string
	Doc    *loader.Document
	Result *pipeline.Result
}

// side is an Input with its surface.
type side struct {
	label string
	file  string
	doc   *loader.Document
	items []surface.Item
	// origins maps surface keys to JSON pointers of the description.
	origins map[string]string
}

func (s *side) locate(ptr string) Location {
	if ptr == "" {
		return Location{}
	}
	line, _ := s.doc.Position(ptr)
	for line == 0 && ptr != "" {
		// A pointer into what the loader repaired or resolved: fall back
		// to the closest enclosing element that has a position.
		i := len(ptr) - 1
		for i >= 0 && ptr[i] != '/' {
			i--
		}
		if i <= 0 {
			break
		}
		ptr = ptr[:i]
		line, _ = s.doc.Position(ptr)
	}
	return Location{File: s.file, Line: line, Pointer: ptr}
}

// Compare compares two versions on both layers.
func Compare(from, to Input) (*Report, error) {
	old, err := newSide(from)
	if err != nil {
		return nil, err
	}
	neu, err := newSide(to)
	if err != nil {
		return nil, err
	}
	r := &Report{
		From: Side{Label: old.label, File: old.file, Version: from.Doc.Version},
		To:   Side{Label: neu.label, File: neu.file, Version: to.Doc.Version},
	}
	r.Changes = append(r.Changes, goChanges(old, neu)...)
	w := &wire{old: old, new: neu}
	w.compare()
	r.Changes = append(r.Changes, w.changes...)
	sortChanges(r.Changes)
	return r, nil
}

func newSide(in Input) (*side, error) {
	if in.Doc == nil || in.Result == nil {
		return nil, fmt.Errorf("apidiff: input %q lacks its description or its generated package", in.Label)
	}
	s, err := surface.FromResult(in.Result)
	if err != nil {
		return nil, err
	}
	label := in.Label
	if label == "" {
		label = in.Doc.Version
	}
	file := in.File
	if file == "" {
		file = in.Doc.File
	}
	return &side{label: label, file: file, doc: in.Doc, items: s.Items, origins: origins(in.Result)}, nil
}

// sortChanges orders by level (breaking first), layer (Go first), then
// subject and rule, so reports are stable and the worst comes first.
func sortChanges(cs []Change) {
	slices.SortStableFunc(cs, func(a, b Change) int {
		return cmp.Or(
			cmp.Compare(b.Level, a.Level),
			cmp.Compare(a.Layer, b.Layer),
			cmp.Compare(a.Subject, b.Subject),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Worst is the highest level of any change, and false when nothing changed.
func (r *Report) Worst() (Level, bool) {
	if len(r.Changes) == 0 {
		return 0, false
	}
	w := Additive
	for _, c := range r.Changes {
		w = max(w, c.Level)
	}
	return w, true
}

// Count returns the number of changes of a level (on any layer).
func (r *Report) Count(l Level) int {
	n := 0
	for _, c := range r.Changes {
		if c.Level == l {
			n++
		}
	}
	return n
}

// CountRule returns the number of changes a rule produced.
func (r *Report) CountRule(id string) int {
	n := 0
	for _, c := range r.Changes {
		if c.Rule == id {
			n++
		}
	}
	return n
}

// Filter returns the changes at or above a level.
func (r *Report) Filter(min Level) []Change {
	var out []Change
	for _, c := range r.Changes {
		if c.Level >= min {
			out = append(out, c)
		}
	}
	return out
}
