// Text from input files that eccn shows to a person. A control character
// (C0, DEL or C1) in it would move the cursor, clear the screen or fake a line
// of output on a terminal, and a bidirectional control (U+202E...) would show
// a name as another, so spec text fields and rule files refuse them and
// diagnostics, which quote what they refuse, show them escaped.
#pragma once

#include <string>
#include <string_view>

namespace eccn {

// The byte offset of the first control character in UTF-8 `text`, or npos.
size_t FirstControlCharacter(std::string_view text);

// As FirstControlCharacter, but line breaks and tabs, which text written over
// several lines holds (a YAML block scalar), are not counted.
size_t FirstControlCharacterInMultilineText(std::string_view text);

// The control character at `at` (a FirstControlCharacter result), escaped.
std::string EscapedControlCharacterAt(std::string_view text, size_t at);

// `text` with each control character written as an escape: \n, \r, \t, \x1b
// (C0 and DEL), \u009b (C1), \u202e (bidirectional). Other text, backslashes
// included, is unchanged.
std::string EscapeControlCharacters(std::string_view text);

}  // namespace eccn
