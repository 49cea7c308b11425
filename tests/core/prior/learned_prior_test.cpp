// Loading prior files: the trained format, a user's own TorchScript module with the documented
// methods, and files that are missing, corrupt or of the wrong shape.
#include "prior/learned_prior.h"

#include <gtest/gtest.h>

#include "mesh/demo_assets.h"
#include "morph/morph_solver.h"
#include "prior/learned_parts.h"
#include "test_meshes.h"
#include "test_support.h"
#include "torchscript_module.h"
#include "util/error.h"

namespace interp3d {
namespace {

std::string loadError(const std::filesystem::path& file) {
  try {
    LearnedPrior::load(file);
  } catch (const IoError& e) {
    return e.what();
  }
  return "";
}

// A hand-written codec: the code is the 8 distances; decoding puts back a neutral colour and the
// normal along z.
const char* kUserCodec = R"(
def encode(self, patches: Tensor) -> Tensor:
    return patches[:, 0:8]
def decode(self, codes: Tensor) -> Tensor:
    n = codes.size(0)
    return torch.cat([codes, torch.zeros(n, 5), torch.ones(n, 1)], 1)
)";

TEST(LearnedPrior, AUsersTorchScriptModuleWithTheDocumentedMethodsDrivesTheMorph) {
  testing::ScratchDir dir("user-prior");
  const auto prior =
      LearnedPrior::load(testing::writeTorchScriptModule(dir, "user.pt", kUserCodec));
  EXPECT_EQ(prior->latentSize(), 8);
  EXPECT_TRUE(prior->has("decode"));
  EXPECT_FALSE(prior->has("velocity"));
  MorphOptions o = testing::smallMorphOptions();
  o.learned = makeLearnedParts(prior, PriorParts::parse("codec"), {});
  const auto [a, b] = testing::smallDemoPair();
  const MorphSolver solver(a, b, o);
  EXPECT_GT(solver.meshAt(0.5, false).triangleCount(), 100u);
  // The structure part needs velocity, which this module lacks: a clear error naming the file.
  try {
    makeLearnedParts(prior, PriorParts::parse("structure"), {});
    ADD_FAILURE() << "no error";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("user.pt: has no method 'velocity'"), std::string::npos)
        << e.what();
  }
}

TEST(LearnedPrior, MissingCorruptAndWrongShapedFilesGiveClearErrors) {
  testing::ScratchDir dir("bad-prior");
  EXPECT_NE(loadError(dir / "nope.pt").find("nope.pt: prior file does not exist"),
            std::string::npos);
  testing::writeText(dir / "corrupt.pt", "this is not a zip archive");
  EXPECT_NE(loadError(dir / "corrupt.pt").find("corrupt.pt: not a TorchScript prior file"),
            std::string::npos)
      << loadError(dir / "corrupt.pt");
  // decode returns 13 columns instead of 14.
  const auto narrow = testing::writeTorchScriptModule(dir, "narrow.pt", R"(
def encode(self, patches: Tensor) -> Tensor:
    return patches[:, 0:8]
def decode(self, codes: Tensor) -> Tensor:
    return torch.cat([codes, codes[:, 0:5]], 1)
)");
  const std::string e1 = loadError(narrow);
  EXPECT_NE(e1.find("narrow.pt: method decode returned [3, 13], expected [3, 14]"),
            std::string::npos)
      << e1;
  // velocity cannot take the documented condition width.
  const auto badFlow = testing::writeTorchScriptModule(dir, "flow.pt", std::string(kUserCodec) + R"(
def velocity(self, x: Tensor, tau: Tensor, condition: Tensor) -> Tensor:
    return torch.mm(condition, torch.zeros(10, 8))
)");
  const std::string e2 = loadError(badFlow);
  EXPECT_NE(e2.find("flow.pt: method velocity failed"), std::string::npos) << e2;
  const auto nothing = testing::writeTorchScriptModule(dir, "nothing.pt", R"(
def forward(self, x: Tensor) -> Tensor:
    return x
)");
  EXPECT_NE(loadError(nothing).find("none of the methods"), std::string::npos);
}

TEST(LearnedPrior, TheShippedWeightsAreFoundLoadAndFitTheBudget) {
  const std::filesystem::path shipped = LearnedPrior::shippedFile();
  ASSERT_FALSE(shipped.empty());
  EXPECT_EQ(shipped.filename(), "prior.pt");
  EXPECT_LE(std::filesystem::file_size(shipped), 20u * 1024 * 1024);
  const auto prior = resolvePrior("on", 2);
  EXPECT_EQ(prior->file(), shipped);
  for (const char* m : {"encode", "decode", "velocity", "describe"}) EXPECT_TRUE(prior->has(m));
  EXPECT_EQ(prior->latentSize(), 8);
  EXPECT_EQ(prior->descriptorSize(), 16);
  EXPECT_EQ(resolvePrior("off", 2), nullptr);
  // Every part runs in a morph; the endpoints stay the inputs.
  MorphOptions o = testing::smallMorphOptions();
  o.learned = makeLearnedParts(prior, PriorParts::parse("all"), {});
  const auto [a, b] = testing::smallDemoPair();
  const MorphSolver solver(a, b, o);
  const TexturedMesh mid = solver.meshAt(0.5, false);
  EXPECT_GT(mid.triangleCount(), 100u);
  EXPECT_EQ(solver.meshAt(1.0, false).positions, b.positions);
  EXPECT_GT(solver.timings().count("prior"), 0u);
}

TEST(LearnedPrior, PartsParseAndPrint) {
  EXPECT_EQ(PriorParts::parse("structure,codec").toString(), "codec,structure");
  EXPECT_EQ(PriorParts::parse("all").toString(), "codec,structure,descriptors");
  EXPECT_FALSE(PriorParts::parse("none").any());
  EXPECT_THROW(PriorParts::parse("codec,colour"), UsageError);
}

}  // namespace
}  // namespace interp3d
