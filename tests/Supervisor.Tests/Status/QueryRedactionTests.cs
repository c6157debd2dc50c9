using Supervisor.Status;

namespace Supervisor.Tests.Status;

public sealed class QueryRedactionTests
{
    [Theory]
    [InlineData("GET /a?token=abc&page=2", "GET /a?token=REDACTED&page=2")]
    [InlineData("GET /cb?code=4/0Ab&state=xyz", "GET /cb?code=REDACTED&state=xyz")]
    [InlineData("POST /x?API_KEY=1&Password=2&client_secret=3&sessionid=4", "POST /x?API_KEY=REDACTED&Password=REDACTED&client_secret=REDACTED&sessionid=REDACTED")]
    [InlineData("GET /x?%74oken=abc", "GET /x?%74oken=REDACTED")]
    [InlineData("GET /x?q=token&page=1", "GET /x?q=token&page=1")]
    [InlineData("GET /x?token&token=&&a=b", "GET /x?token&token=REDACTED&&a=b")]
    [InlineData("GET /path/with/key/in/it", "GET /path/with/key/in/it")]
    [InlineData("GET /x?a=1&b=2&passw", "GET /x?a=1&b=2&passw")]
    public void HidesTheValuesOfParametersWhoseNamesLookSecret(string line, string shown) =>
        Assert.Equal(shown, QueryRedaction.RequestLine(line));

    [Fact]
    public void AQueryWithoutItsQuestionMarkIsRedactedTheSameWay() =>
        Assert.Equal("a=1&auth=REDACTED", QueryRedaction.Query("a=1&auth=xyz"));
}
