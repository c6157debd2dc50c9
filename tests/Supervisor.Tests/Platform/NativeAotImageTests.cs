using System.Text;
using Supervisor.Platform;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Platform;

public sealed class NativeAotImageTests : IDisposable
{
    private const string Literal = "SUPERVISOR_LISTEN_FDS";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Image(byte[] bytes) => FakeImages.Executable(_directory, "app", bytes);

    [Fact]
    public void FindsALiteralCompiledIntoANativeAotImage()
    {
        Assert.True(NativeAotImage.CarriesLiteral(Image(FakeImages.NativeAot(Literal)), Literal));
    }

    [Fact]
    public void SaysANativeAotImageWithoutTheLiteralLacksIt()
    {
        Assert.False(NativeAotImage.CarriesLiteral(Image(FakeImages.NativeAot("SOMETHING_ELSE")), Literal));
    }

    [Fact]
    public void LooksForTheLiteralInUtf16AsNativeAotStoresIt()
    {
        var ascii = FakeImages.Elf(Encoding.ASCII.GetBytes(Literal), "DotNetRuntimeDebugHeader"u8.ToArray());

        Assert.False(NativeAotImage.CarriesLiteral(Image(ascii), Literal));
    }

    [Fact]
    public void FindsALiteralThatStraddlesTwoReads()
    {
        var literal = Encoding.Unicode.GetBytes(Literal);
        var bytes = new byte[3 << 20];
        "\u007fELF"u8.CopyTo(bytes);
        "DotNetRuntimeDebugHeader"u8.CopyTo(bytes.AsSpan(100));
        // The first read takes 1 MiB after the four magic bytes: the literal begins 7 bytes before its end.
        literal.CopyTo(bytes.AsSpan(4 + (1 << 20) - 7));

        Assert.True(NativeAotImage.CarriesLiteral(Image(bytes), Literal));
    }

    [Theory]
    [InlineData("#!/bin/sh\nexec dotnet app.dll\n")]
    [InlineData("MZ a managed assembly")]
    [InlineData("")]
    public void IsNullForWhatIsNotAnElfImage(string content)
    {
        Assert.Null(NativeAotImage.CarriesLiteral(Image(Encoding.UTF8.GetBytes(content)), Literal));
    }

    [Fact]
    public void IsNullForAnElfProgramNativeAotDidNotBuild()
    {
        Assert.Null(NativeAotImage.CarriesLiteral(Image(FakeImages.Elf(Encoding.Unicode.GetBytes(Literal))), Literal));
        Assert.Null(NativeAotImage.CarriesLiteral("/bin/sh", Literal));
    }

    [Fact]
    public void IsNullForAFileThatCannotBeRead()
    {
        Assert.Null(NativeAotImage.CarriesLiteral(_directory.Combine("missing"), Literal));
    }
}
