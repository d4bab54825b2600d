package apidiff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Format is an output format of a report.
type Format string

// The formats Render writes.
const (
	Text     Format = "text"
	Markdown Format = "markdown"
	JSON     Format = "json"
)

// RenderOptions tune Render.
type RenderOptions struct {
	Format Format
	// Min leaves out changes below this level (the summary still counts
	// them).
	Min Level
	// Color uses ANSI colours in the text format (for terminals).
	Color bool
}

// Render writes the report.
func (r *Report) Render(w io.Writer, opts RenderOptions) error {
	switch opts.Format {
	case Text, "":
		return r.text(w, opts)
	case Markdown:
		return r.markdown(w, opts)
	case JSON:
		return r.json(w, opts)
	}
	return fmt.Errorf("unknown format %q (want text, markdown or json)", opts.Format)
}

// Summary is one line: "2.15 → 2.16: 12 breaking, 30 review, 400 additive".
func (r *Report) Summary() string {
	if len(r.Changes) == 0 {
		return fmt.Sprintf("%s → %s: no changes", r.From.Label, r.To.Label)
	}
	return fmt.Sprintf("%s → %s: %d breaking, %d review, %d additive (Go API %s; wire %s)",
		r.From.Label, r.To.Label, r.Count(Breaking), r.Count(Review), r.Count(Additive),
		r.layerCounts(GoLayer), r.layerCounts(WireLayer))
}

func (r *Report) layerCounts(l Layer) string {
	var n [3]int
	for _, c := range r.Changes {
		if c.Layer == l {
			n[c.Level]++
		}
	}
	return fmt.Sprintf("%d/%d/%d", n[Breaking], n[Review], n[Additive])
}

var ansi = map[Level]string{Breaking: "\x1b[1;31m", Review: "\x1b[33m", Additive: "\x1b[32m"}

func (r *Report) text(w io.Writer, opts RenderOptions) error {
	var b strings.Builder
	fmt.Fprintf(&b, "intercom-gen diff %s\n", r.Summary())
	for _, c := range r.Filter(opts.Min) {
		level := fmt.Sprintf("%-8s", c.Level)
		if opts.Color {
			level = ansi[c.Level] + level + "\x1b[0m"
		}
		dir := ""
		if c.Direction != "" {
			dir = " [" + c.Direction + "]"
		}
		fmt.Fprintf(&b, "%s %-4s %s: %s: %s%s\n", level, c.Layer, c.Rule, c.Subject, c.Message, dir)
		if loc := locations(c, r.From.Label, r.To.Label); loc != "" {
			fmt.Fprintf(&b, "%13s %s\n", "", loc)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func locations(c Change, from, to string) string {
	var parts []string
	if s := c.From.String(); s != "" {
		parts = append(parts, from+" "+s)
	}
	if s := c.To.String(); s != "" {
		parts = append(parts, to+" "+s)
	}
	return strings.Join(parts, "  ")
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

func (r *Report) markdown(w io.Writer, opts RenderOptions) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### Intercom API %s → %s\n\n", r.From.Label, r.To.Label)
	if len(r.Changes) == 0 {
		b.WriteString("No changes.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("| | breaking | review | additive |\n|---|---|---|---|\n")
	for _, l := range []Layer{GoLayer, WireLayer} {
		var n [3]int
		for _, c := range r.Changes {
			if c.Layer == l {
				n[c.Level]++
			}
		}
		name := map[Layer]string{GoLayer: "Go API", WireLayer: "wire"}[l]
		fmt.Fprintf(&b, "| %s | %d | %d | %d |\n", name, n[Breaking], n[Review], n[Additive])
	}
	for _, l := range []Level{Breaking, Review, Additive} {
		if l < opts.Min {
			continue
		}
		var cs []Change
		for _, c := range r.Changes {
			if c.Level == l {
				cs = append(cs, c)
			}
		}
		if len(cs) == 0 {
			continue
		}
		title := map[Level]string{Breaking: "Breaking", Review: "Needs review", Additive: "Additive"}[l]
		open := ""
		if l == Breaking {
			open = " open"
		}
		fmt.Fprintf(&b, "\n<details%s><summary><b>%s</b> (%d)</summary>\n\n", open, title, len(cs))
		b.WriteString("| rule | subject | change | " + mdEscape(r.From.Label) + " | " + mdEscape(r.To.Label) + " |\n|---|---|---|---|---|\n")
		for _, c := range cs {
			msg := c.Message
			if c.Direction != "" {
				msg += " (" + c.Direction + ")"
			}
			fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s | %s |\n", c.Rule, mdEscape(c.Subject), mdEscape(msg),
				mdEscape(c.From.String()), mdEscape(c.To.String()))
		}
		b.WriteString("\n</details>\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (r *Report) json(w io.Writer, opts RenderOptions) error {
	out := struct {
		From    Side           `json:"from"`
		To      Side           `json:"to"`
		Summary map[string]int `json:"summary"`
		Changes []Change       `json:"changes"`
	}{r.From, r.To, map[string]int{
		"breaking": r.Count(Breaking), "review": r.Count(Review), "additive": r.Count(Additive),
	}, r.Filter(opts.Min)}
	if out.Changes == nil {
		out.Changes = []Change{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
