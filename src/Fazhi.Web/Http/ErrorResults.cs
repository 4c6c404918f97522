using Fazhi.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Fazhi.Web.Http;

/// <summary>Maps <see cref="Error"/> values to ProblemDetails (API) and to field messages (pages), in one place.</summary>
public static class ErrorResults
{
    /// <summary>The ProblemDetails response for an error.</summary>
    public static ProblemHttpResult ToProblem(this Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        return error switch
        {
            ValidationError v => TypedResults.Problem(new HttpValidationProblemDetails(v.Fields.ToDictionary(f => f.Key, f => f.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = v.Message,
                Extensions = { ["code"] = v.Code },
            }),
            NotFoundError n => TypedResults.Problem(n.Message, statusCode: StatusCodes.Status404NotFound, title: "未找到", extensions: extensions),
            ConflictError c => TypedResults.Problem(c.Message, statusCode: StatusCodes.Status409Conflict, title: "冲突", extensions: extensions),
            ForbiddenError f => TypedResults.Problem(f.Message, statusCode: StatusCodes.Status403Forbidden, title: "无权操作", extensions: extensions),
            _ => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status500InternalServerError, extensions: extensions),
        };
    }

    /// <summary>Copies an error onto a page's model state: field errors under <paramref name="prefix"/>.field, others page-wide.</summary>
    public static void AddTo(this Error error, ModelStateDictionary modelState, string prefix = "Input")
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(modelState);
        if (error is ValidationError v)
        {
            foreach (var (field, messages) in v.Fields)
            {
                var key = field == "file" ? "" : $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}";
                foreach (var m in messages)
                {
                    modelState.AddModelError(key, m);
                }
            }
        }
        else
        {
            modelState.AddModelError("", error.Message);
        }
    }
}
