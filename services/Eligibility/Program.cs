using ReliefPlatform.Eligibility;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEligibilityService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapEligibilityApi();
app.MapDefaultEndpoints();

app.Run();
