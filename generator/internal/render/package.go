package render

import (
	"fmt"
	"slices"
	"strings"

	"github.com/intercom-gen/intercom-gen/generator/internal/gofile"
	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/templates"
)

// Package renders every file of the package pkg describes: the generated
// files (Emit) and the runtime copied from templates/, each starting with
// gofile.Header, sorted by name.
func Package(pkg *model.Package) ([]File, error) {
	files, err := Emit(pkg)
	if err != nil {
		return nil, err
	}
	for name, src := range templates.Runtime(pkg.Name, RuntimeParts(pkg)) {
		files = append(files, File{Name: name, Source: append([]byte(gofile.Header+"\n\n"), src...)})
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	for i := 1; i < len(files); i++ {
		if files[i].Name == files[i-1].Name {
			return nil, fmt.Errorf("render: two files named %s", files[i].Name)
		}
	}
	return files, nil
}

// RuntimeParts says what of the runtime (and of the test server) a
// package gets: the optional files its model asks for, and the word its
// messages start with.
func RuntimeParts(pkg *model.Package) templates.Parts {
	p := pkg.Profile
	var features []string
	for _, f := range []struct {
		on      bool
		feature string
	}{
		{p.Regions, templates.FeatureRegions},
		{p.OAuthApp, templates.FeatureIntercomOAuth},
		{p.OAuthApp, templates.FeatureOAuthState},
		{p.Search, templates.FeatureSearch},
		{p.Webhooks, templates.FeatureWebhooks},
		{p.ErrorCodes, templates.FeatureErrorCodes},
		{pkg.VersionHeader, templates.FeatureVersion},
		{pkg.TokenArg, templates.FeatureTokens},
		{hasScheme(pkg, model.SchemeBasic), templates.FeatureBasicAuth},
		{hasScheme(pkg, model.SchemeAPIKey), templates.FeatureAPIKey},
		{hasEndpoint(pkg), templates.FeatureOAuth2},
		{hasEndpoint(pkg), templates.FeatureOAuthState},
		{len(pkg.ServerVars) > 0, templates.FeatureServerVars},
		{len(pkg.Webhooks) > 0, templates.FeatureWebhookPayloads},
	} {
		if f.on && !slices.Contains(features, f.feature) {
			features = append(features, f.feature)
		}
	}
	prefix := p.ErrorPrefix
	if prefix == "intercom" {
		prefix = "" // the runtime's own word
	}
	return templates.Parts{Features: features, Prefix: prefix}
}
