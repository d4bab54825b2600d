package blockyaml

// The tag go-yaml gives a plain scalar, by the same rules in the same
// order as its resolver: a few exact words, then timestamps, integers
// and floats for what starts like a number.

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// words are the plain scalars resolved by exact match.
var words = map[string]string{
	"true": "!!bool", "True": "!!bool", "TRUE": "!!bool",
	"false": "!!bool", "False": "!!bool", "FALSE": "!!bool",
	"": "!!null", "~": "!!null", "null": "!!null", "Null": "!!null", "NULL": "!!null",
	".nan": "!!float", ".NaN": "!!float", ".NAN": "!!float",
	".inf": "!!float", ".Inf": "!!float", ".INF": "!!float",
	"+.inf": "!!float", "+.Inf": "!!float", "+.INF": "!!float",
	"-.inf": "!!float", "-.Inf": "!!float", "-.INF": "!!float",
	"-0": "!!float", "-0.0": "!!float",
	"<<": "!!merge",
}

// yamlFloat is go-yaml's pattern for a float in YAML's notation.
var yamlFloat = regexp.MustCompile(`^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$`)

// timestampFormats are the layouts go-yaml tries.
var timestampFormats = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// resolve returns the tag of the plain scalar v.
func resolve(v string) string {
	if v == "" {
		return "!!null"
	}
	var hint byte
	switch c := v[0]; {
	case c == '+' || c == '-':
		hint = 'S'
	case c >= '0' && c <= '9':
		hint = 'D'
	case c == '.':
		hint = '.'
	case strings.IndexByte("yYnNtTfFoO~<", c) >= 0:
		hint = 'M'
	default:
		return strTag
	}
	if tag, ok := words[v]; ok {
		return tag
	}
	switch hint {
	case '.':
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return "!!float"
		}
	case 'D', 'S':
		if timestamp(v) {
			return "!!timestamp"
		}
		plain := strings.ReplaceAll(v, "_", "")
		if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return "!!int"
		}
		if _, err := strconv.ParseUint(strings.TrimPrefix(plain, "+"), 0, 64); err == nil {
			return "!!int"
		}
		if yamlFloat.MatchString(plain) {
			if _, err := strconv.ParseFloat(plain, 64); err == nil {
				return "!!float"
			}
		}
	}
	return strTag
}

// timestamp reports a value go-yaml reads as a timestamp.
func timestamp(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, f := range timestampFormats {
		if _, err := time.Parse(f, s); err == nil {
			return true
		}
	}
	return false
}
