// office-addin-mock only needs this enum; the real package pulls ESM-only modules Jest cannot load.
exports.OfficeApp = { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" };
