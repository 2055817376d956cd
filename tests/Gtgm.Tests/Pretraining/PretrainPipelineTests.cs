using Gtgm.Imaging;
using Gtgm.Pretraining;

namespace Gtgm.Tests.Pretraining;

public class PretrainPipelineTests
{
    [Fact]
    public void DataArgumentsMayCarryAModality()
    {
        Assert.Equal(("/data/amos", (Modality?)Modality.CT), PretrainPipeline.DataArgument("/data/amos@ct"));
        Assert.Equal(("/data/em.h5", (Modality?)Modality.EM), PretrainPipeline.DataArgument("/data/em.h5@EM"));
        Assert.Equal(("/data/hippo", (Modality?)null), PretrainPipeline.DataArgument("/data/hippo"));
        var e = Assert.Throws<UserInputException>(() => PretrainPipeline.DataArgument("/data/x@pet"));
        Assert.Contains("pet", e.Message);
    }
}
