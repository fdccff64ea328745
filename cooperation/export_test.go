package cooperation

// What the tests of package cooperation_test reach inside.
var CSVCell, CSVValue = csvCell, csvValue
