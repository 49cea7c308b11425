// Every user-facing option of a morph, declared once: its name, kind, default, range and help text.
// The command line (`interp3d-cli morph` and `bench`), the GUI's command line (`interp3d --frames
// ...`) and the Morph panel read names, defaults, ranges and help from this table and store values
// through applyOption, so that the front ends cannot disagree (tests/core/jobs checks them).
#pragma once

#include <string>
#include <vector>

#include "io/mesh_import.h"
#include "morph/morph_options.h"
#include "prior/learned_prior.h"

namespace interp3d {

enum class OptionKind {
  Integer,  // whole number in [min, max]
  Number,   // real number in [min, max]
  Choice,   // one of `choices`
  Text,     // free text (a file, a list)
};

struct OptionSpec {
  std::string name;  // without dashes: "frames" is --frames on a command line
  OptionKind kind = OptionKind::Integer;
  std::string defaultValue;          // as a user would type it
  double min = 0.0, max = 0.0;       // Integer and Number
  std::vector<std::string> choices;  // Choice
  std::string valueName;             // placeholder in usage lines: "N", "FILE"
  std::string label;                 // the GUI's label
  std::string help;                  // one sentence
};

// The settings of a morph job: the engine's options and how the user gave the prior, landmarks
// and output format.
struct MorphSettings {
  MorphOptions morph;
  std::string prior = "auto";  // auto (shipped weights when present), on, off or a prior file
  PriorParts priorParts = defaultPriorParts();  // which parts of the prior are used
  float priorRenoise = 0.7f;   // structure prior: flow time the blended code is taken back to
  int priorSteps = 4;          // structure prior: Euler steps back to flow time 1
  std::string landmarksFile;   // landmark pairs (JSON); empty for none
  std::string format = "glb";  // frame files: glb, obj or ply
  ImportOptions import;        // how the input files are read (the importer's limits)
};

// The table, in the order usage lines list it.
const std::vector<OptionSpec>& morphOptionTable();
// The spec of option `name` (no dashes). Throws UsageError for an unknown name.
const OptionSpec& optionSpec(const std::string& name);

// Settings with every option at its table default.
MorphSettings defaultMorphSettings();

// Checks `value` against option `name`'s spec and stores it in `settings`. Throws UsageError
// ("--frames must be an integer from 2 to 1000, got '0'").
void applyOption(MorphSettings& settings, const std::string& name, const std::string& value);

// The value of option `name` in `settings` as a user would type it: applyOption(settings, name,
// optionValue(settings, name)) changes nothing (what a project file stores).
std::string optionValue(const MorphSettings& settings, const std::string& name);

// "--frames N", or "--align none|auto" for a choice: the option's usage fragment.
std::string optionUsage(const OptionSpec& spec);

// "2 to 1000" for a number, empty otherwise.
std::string optionRange(const OptionSpec& spec);

}  // namespace interp3d
